/**
 * The DataSeq annotation processor: for each {@code @DataSequence} reader class it generates
 * {@code <Reader>Sequence}, a Deeplearning4j iterator that binds the reader's annotated methods to the runtime.
 *
 * <p>The phases: {@link io.dataseq.processor.ReaderParser} (element to an immutable
 * {@link io.dataseq.processor.ReaderModel}, which knows whether the reader streams, with the methods it declares and
 * inherits, found by {@link io.dataseq.processor.AnnotatedMethods}; emits nothing),
 * {@link io.dataseq.processor.ReaderValidator} (model to {@link io.dataseq.processor.Diagnostic}s from the
 * {@link io.dataseq.processor.Message} catalogue), {@link io.dataseq.processor.BindingPlan} (a valid model to what the
 * generated class binds: reader kind, record key, adapter, the binder of each output),
 * {@link io.dataseq.processor.SequenceNames} (which reader of a round a generated name goes to),
 * {@link io.dataseq.processor.SequenceGenerator} (plan to a JavaPoet type, for both kinds of reader) and
 * {@link io.dataseq.processor.SequenceWriter} (type to a source file). {@link
 * io.dataseq.processor.DataSequenceProcessor} only runs them in a loop; beside them,
 * {@link io.dataseq.processor.LocalClasses} reports the annotated classes javac hides from processors.
 *
 * <p>The processor reads annotations by their mirrors and names the runtime's types by strings
 * ({@link io.dataseq.processor.RuntimeNames}), so its class path needs neither the runtime nor ND4J.
 */
package io.dataseq.processor;
