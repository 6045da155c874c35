/**
 * Declarative image decoding for {@link io.dataseq.annotation.Image @Image} features: {@link
 * io.dataseq.image.ImageSpec} (what the annotation declares), {@link io.dataseq.image.ImageSource} (what the reader
 * returns: a file, its bytes or an OpenCV {@code Mat}) and {@link io.dataseq.image.ImageDecoder}, which decodes with
 * OpenCV and writes float32 channels-first values straight into a batch buffer. docs/images.md is the guide.
 */
package io.dataseq.image;
