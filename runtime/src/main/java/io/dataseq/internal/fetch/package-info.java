/**
 * Internal: the fetcher ({@link io.dataseq.internal.fetch.RecordFetcher}), which turns the record numbers of one
 * batch into filled {@link io.dataseq.internal.fetch.BatchBuffers} (reused float32 ND4J arrays), applying the error
 * policy; and the skip report.
 */
package io.dataseq.internal.fetch;
