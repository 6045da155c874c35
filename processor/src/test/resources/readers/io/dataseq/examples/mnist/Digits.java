package io.dataseq.examples.mnist;

import io.dataseq.annotation.DataSequence;
import io.dataseq.annotation.Features;
import io.dataseq.annotation.Label;
import io.dataseq.annotation.Size;
import java.io.IOException;

@DataSequence(batchSize = 64, shuffle = true, seed = 42)
public class Digits {
    private final float[][] images;
    private final int[] labels;

    public Digits(float[][] images, int[] labels) {
        this.images = images;
        this.labels = labels;
    }

    @Size
    public int size() {
        return labels.length;
    }

    @Features(shape = {1, 28, 28})
    public float[] pixels(int record) throws IOException {
        return images[record];
    }

    @Label(classes = 10)
    public int digit(int record) {
        return labels[record];
    }
}
