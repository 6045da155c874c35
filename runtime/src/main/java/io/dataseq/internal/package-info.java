/**
 * What generated code calls: <b>not API</b>. The types here are public only because a generated
 * {@code <Reader>Sequence} lives in the user's package and must reach them (Dagger's {@code dagger.internal} habit);
 * they may change in any release, together with the processor that generates calls to them. Users touch
 * {@code io.dataseq}, {@code io.dataseq.annotation}, {@code io.dataseq.dl4j} and the building-block packages.
 *
 * <p>{@link io.dataseq.internal.ReaderBinding} binds a random access reader's annotated methods (as lambdas),
 * {@link io.dataseq.internal.DescriptorBinding} a streaming reader's; each is turned by {@code over(...)} into what
 * the generated builder starts from. {@link io.dataseq.internal.ReaderSource} says whether worker threads share one
 * reader or have one each; {@link io.dataseq.internal.Output} and its kinds write one record's values into a batch;
 * {@link io.dataseq.internal.ValueType} is the one list of batchable return types.
 *
 * <p>The packages below this one are the runtime's internals, used by nothing else: {@code core} (the one consumer
 * core and the pass plans it is given), {@code engine} (worker threads, window, reorder buffer, buffer pool),
 * {@code fetch} (record numbers into a batch), {@code index} (which records make batch b of epoch e) and
 * {@code stream} (recorded and endless sources). See {@code docs/architecture.md}.
 */
package io.dataseq.internal;
