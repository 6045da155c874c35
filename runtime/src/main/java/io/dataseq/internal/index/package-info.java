/**
 * Internal: the epoch index ({@link io.dataseq.internal.index.EpochIndex}), the record numbers of batch b of epoch
 * e (shuffle, shards, subsets, {@code dropLast}) in O(batch) time, over a seeded O(1)-memory
 * {@link io.dataseq.internal.index.Permutation}. Pure functions, no threads.
 */
package io.dataseq.internal.index;
