/**
 * Progress of a sequence's epochs, as the consumer receives its batches: {@link io.dataseq.progress.ProgressListener}
 * and the console bar behind a builder's {@code progress(true)}.
 */
package io.dataseq.progress;
