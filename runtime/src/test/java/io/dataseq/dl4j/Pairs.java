package io.dataseq.dl4j;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;

import io.dataseq.RecordContext;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.IntPredicate;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * A reader with two inputs and four outputs whose values say which record they came from: {@code coordinates}
 * {@code {record, record + 0.5}} (plus a seeded jitter when augmenting), {@code context} {@code {-record, 1, 2}};
 * outputs a class {@code record % 3}, a multi-label vector with 1s at {@code record % 4} and {@code (record + 1) % 4},
 * a regression target {@code {record / 10}}, and a 2x2 mask, decoded from a 4x4 image of class numbers (the record's
 * class in the left half, 0 in the right) with nearest-neighbour resizing. Counts every read per (epoch, record).
 */
class Pairs {
    static final int CLASSES = 3;
    static final int TAGS = 4;
    static final int MAX_EPOCHS = 8;

    private final int records;
    private final boolean augment;
    private final IntPredicate failing;
    private final AtomicIntegerArray reads;

    Pairs(int records, boolean augment, IntPredicate failing) {
        this.records = records;
        this.augment = augment;
        this.failing = failing;
        this.reads = new AtomicIntegerArray(records * MAX_EPOCHS);
    }

    int size() {
        return records;
    }

    float[] coordinates(int record, RecordContext context) throws IOException {
        reads.incrementAndGet(context.epoch() * records + record);
        if (failing.test(record)) {
            throw new IOException("record " + record + " is corrupt");
        }
        float jitter = augment ? (float) context.random().nextDouble(0, 0.01) : 0f;
        return new float[] {record, record + 0.5f + jitter};
    }

    float[] context(int record) {
        return new float[] {-record, 1, 2};
    }

    int kind(int record) {
        return record % CLASSES;
    }

    float[] tags(int record) {
        float[] tags = new float[TAGS];
        tags[record % TAGS] = 1;
        tags[(record + 1) % TAGS] = 1;
        return tags;
    }

    float[] value(int record) {
        return new float[] {record / 10f};
    }

    Mat mask(int record) {
        byte[] pixels = new byte[16];
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 2; x++) {
                pixels[y * 4 + x] = (byte) kind(record);
            }
        }
        Mat mat = new Mat(4, 4, CV_8UC1);
        mat.data().put(pixels);
        return mat;
    }

    /** How often {@code record} was read in {@code epoch}. */
    int reads(int epoch, int record) {
        return reads.get(epoch * records + record);
    }
}
