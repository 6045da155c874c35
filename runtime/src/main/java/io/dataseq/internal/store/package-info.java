/**
 * Internal: the record store, a directory of fixed-layout chunk files and a manifest written last, and the plans
 * that read it ({@link io.dataseq.internal.store.StorePlan}) or write it through while reading the reader
 * ({@link io.dataseq.internal.store.CachePlan}). See {@code docs/store.md}.
 */
package io.dataseq.internal.store;
