/**
 * Internal: the one consumer core ({@link io.dataseq.internal.core.SequenceCore}) that every sequence is a view of,
 * and the {@link io.dataseq.internal.core.PassPlan} it is given: which batches an epoch has and how each is loaded.
 * Random access readers and recorded sources read through an {@link io.dataseq.internal.core.IndexedPlan}.
 */
package io.dataseq.internal.core;
