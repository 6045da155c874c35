/**
 * The annotations a user puts on a record reader. This package depends on nothing but the JDK, so a reader
 * class can be compiled (and its generated sequence checked) without ND4J on the processor's path.
 *
 * <p>A reader is a plain class: {@link io.dataseq.annotation.Size @Size} says how many records there are,
 * {@link io.dataseq.annotation.Features @Features} and {@link io.dataseq.annotation.Label @Label} say how to read
 * one record, {@link io.dataseq.annotation.Image @Image} next to {@code @Features} has the runtime decode an image
 * file, and {@link io.dataseq.annotation.DataSequence @DataSequence} on the class asks the processor to generate
 * {@code <Reader>Sequence}, a Deeplearning4j iterator over it.
 */
package io.dataseq.annotation;
