/**
 * Where a sequence's time goes: per-stage totals from the workers (read, decode, transform, assemble) and the
 * consumer's wait, recorded with {@link System#nanoTime()} laps and summed per epoch into an immutable
 * {@link io.dataseq.timing.StageTimings}. See docs/performance.md.
 */
package io.dataseq.timing;
