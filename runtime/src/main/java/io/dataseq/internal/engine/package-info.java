/**
 * Internal: the prefetch engine: worker threads, the window of batches in flight, the reorder buffer and the pool of
 * reused batch buffers. Knows nothing of records or DL4J.
 */
package io.dataseq.internal.engine;
