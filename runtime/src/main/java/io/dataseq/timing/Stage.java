package io.dataseq.timing;

/** A stage of reading a record on a worker thread, in the order a record goes through them. */
public enum Stage {
    /**
     * The reader's method and, for an {@code @Image} file, reading the file into memory. For an output that is
     * neither an image nor a {@code float[]}, its copy into the batch too (it is one call).
     */
    READ,
    /** Checking an image's header and decoding it (OpenCV's {@code imdecode}). */
    DECODE,
    /** What happens to a decoded image before it is written: colour conversion, resize, augmentation. */
    TRANSFORM,
    /** Writing a record's values into the batch (the float32 conversion of an image's planes, a bulk put). */
    ASSEMBLE;

    private static final Stage[] ALL = values();

    static Stage of(int ordinal) {
        return ALL[ordinal];
    }
}
