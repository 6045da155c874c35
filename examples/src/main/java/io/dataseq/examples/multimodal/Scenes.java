package io.dataseq.examples.multimodal;

import io.dataseq.annotation.DataSequence;
import io.dataseq.annotation.Features;
import io.dataseq.annotation.Label;
import io.dataseq.annotation.Size;
import java.util.SplittableRandom;

/**
 * Generated scenes with two inputs, as in the classic image + audio generator: per record a 1x16x16 picture of a
 * horizontal or a vertical bar, and a 375-sample "sound", a slow or a fast tone, both under noise. The class is
 * {@code 2 * shape + tone}, so neither input alone tells it: a network must learn from both. Every record's values are
 * drawn from {@code (seed, record)}, the same in every epoch and for any worker.
 *
 * <p>Several {@code @Features} methods, each with its {@code order}: the processor generates {@link ScenesSequence},
 * a {@code MultiDataSetIterator} whose {@code MultiDataSet}s hold the image (input 0), the sound (input 1) and the
 * one-hot class (output 0).
 */
@DataSequence(batchSize = 32, shuffle = true, seed = 7)
public class Scenes {
    /** The side of the square image. */
    public static final int SIDE = 16;
    /** The samples of one sound. */
    public static final int SAMPLES = 375;
    /** Horizontal or vertical bar, times slow or fast tone. */
    public static final int CLASSES = 4;

    private static final double[] CYCLES = {4, 11};
    private static final double IMAGE_NOISE = 0.35;
    private static final double SOUND_NOISE = 0.8;

    private final int records;
    private final long seed;

    /** {@code records} scenes drawn from {@code seed}: two readers with different seeds hold different scenes. */
    public Scenes(int records, long seed) {
        this.records = records;
        this.seed = seed;
    }

    /** The number of scenes. */
    @Size
    public int size() {
        return records;
    }

    /** The picture: a bar one pixel wide at a random position, 1 on 0, plus Gaussian noise. */
    @Features(shape = {1, SIDE, SIDE}, order = 0)
    public float[] image(int record) {
        SplittableRandom random = random(record, 1);
        boolean vertical = shape(record) == 1;
        int at = 2 + random.nextInt(SIDE - 4);
        float[] pixels = new float[SIDE * SIDE];
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                float bar = (vertical ? x : y) == at ? 1f : 0f;
                pixels[y * SIDE + x] = bar + (float) (gaussian(random) * IMAGE_NOISE);
            }
        }
        return pixels;
    }

    /** The sound: a tone of 4 or 11 cycles over the clip, at a random phase, plus Gaussian noise. */
    @Features(shape = {SAMPLES}, order = 1)
    public float[] audio(int record) {
        SplittableRandom random = random(record, 2);
        double cycles = CYCLES[tone(record)];
        double phase = random.nextDouble(2 * Math.PI);
        float[] samples = new float[SAMPLES];
        for (int t = 0; t < SAMPLES; t++) {
            samples[t] = (float) (Math.sin(2 * Math.PI * cycles * t / SAMPLES + phase)
                    + gaussian(random) * SOUND_NOISE);
        }
        return samples;
    }

    /** The class, from both inputs: {@code 2 * shape + tone}. */
    @Label(classes = CLASSES, names = {"horizontal slow", "horizontal fast", "vertical slow", "vertical fast"})
    public int kind(int record) {
        return 2 * shape(record) + tone(record);
    }

    private int shape(int record) {
        return random(record, 0).nextInt(2);
    }

    private int tone(int record) {
        return random(record, 3).nextInt(2);
    }

    /** The record's own random numbers for one of its parts: the same whoever asks, and whenever. */
    private SplittableRandom random(int record, int part) {
        return new SplittableRandom(seed * 1_000_003L + record * 8L + part);
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller; SplittableRandom has no nextGaussian before Java 17's RandomGenerator default.
        double u = 1.0 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
