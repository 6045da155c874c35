package io.dataseq.examples.mnist;

import java.nio.file.Path;

/**
 * One row of a labels CSV: an image file and its digit.
 *
 * @param file the image file
 * @param digit the digit it shows, 0 to 9
 */
public record LabelledFile(Path file, int digit) {}
