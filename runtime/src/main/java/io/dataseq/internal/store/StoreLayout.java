package io.dataseq.internal.store;

import io.dataseq.image.ImageSpec;
import io.dataseq.internal.Output;
import io.dataseq.internal.ReaderBinding;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Where each value of a record lies in a store: every record takes the same {@link #recordBytes()}, its fields one
 * after the other in the reader's order (inputs, then outputs), each at a fixed offset, little-endian, with no
 * per-record header. A float output takes 4 bytes a value (float32); a class-index label takes one int32, the class
 * (its one-hot row is made again when a batch is assembled); an image takes a byte a value (its 8-bit pixels,
 * augmented and scaled again when each batch is assembled), padded to a multiple of 4 bytes so that every field
 * starts 4-byte aligned.
 */
final class StoreLayout {
    /** The version of the store format this code writes and reads. */
    static final int FORMAT_VERSION = 2;

    /** How a field's values are stored. */
    enum Encoding {
        /** {@code length} float32 values, in C order. */
        FLOAT32("float32"),
        /** One int32: the class index of a one-hot label. */
        INT32_CLASS("int32-class"),
        /**
         * An image's 8-bit pixels at its declared size and channels, in the batch's layout: channels first (R, G, B,
         * or gray), each a plane of rows; before augmentation and scaling; padded with zeros to a multiple of 4 bytes.
         */
        UINT8_IMAGE("uint8-image");

        final String text;

        Encoding(String text) {
            this.text = text;
        }

        static Encoding parse(String text) {
            for (Encoding encoding : values()) {
                if (encoding.text.equals(text)) {
                    return encoding;
                }
            }
            throw new IllegalArgumentException("unknown encoding " + text);
        }
    }

    /**
     * One input or output of a record as stored.
     *
     * @param label whether it is an output (a target) rather than an input
     * @param index its place among the inputs, or among the outputs
     * @param name the reader's name for it
     * @param encoding how its values are stored
     * @param shape its shape per record, as a batch has it ({@code {classes}} for a class index)
     * @param classNames a class index's names, in index order; empty otherwise
     * @param image an image's spec (its scaling and augmentation, for reading the store without the reader); null
     *     for every other field
     * @param offset where it starts in a record, in bytes
     */
    record Field(boolean label, int index, String name, Encoding encoding, int[] shape, List<String> classNames,
            ImageSpec image, int offset) {
        /** The number of values a batch row holds for it. */
        int length() {
            int length = 1;
            for (int dimension : shape) {
                length *= dimension;
            }
            return length;
        }

        /** The bytes it takes in a record. */
        int bytes() {
            switch (encoding) {
                case FLOAT32:
                    return 4 * length();
                case UINT8_IMAGE:
                    return (length() + 3) & ~3;
                default:
                    return 4;
            }
        }
    }

    private final List<Field> fields;
    private final int recordBytes;

    StoreLayout(List<Field> fields) {
        this.fields = List.copyOf(fields);
        long bytes = 0;
        for (Field field : fields) {
            if (field.offset() != bytes) {
                throw new IllegalArgumentException(field.name() + " starts at byte " + field.offset()
                        + " of a record; the fields before it end at " + bytes);
            }
            bytes += field.bytes();
        }
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a record of " + bytes + " bytes is too large for a store");
        }
        this.recordBytes = (int) bytes;
    }

    /** The layout of {@code binding}'s inputs and outputs. */
    static StoreLayout of(ReaderBinding<?> binding) {
        List<Field> fields = new ArrayList<>();
        int offset = 0;
        for (int role = 0; role < 2; role++) {
            List<? extends Output<?>> outputs = role == 0 ? binding.features() : binding.labels();
            for (int i = 0; i < outputs.size(); i++) {
                Output<?> output = outputs.get(i);
                List<String> classes = output.classNames();
                ImageSpec image = output.imageSpec();
                Encoding encoding = image != null ? Encoding.UINT8_IMAGE
                        : classes.isEmpty() ? Encoding.FLOAT32 : Encoding.INT32_CLASS;
                Field field = new Field(role == 1, i, output.name(), encoding, output.shape(), classes, image,
                        offset);
                fields.add(field);
                offset = Math.addExact(offset, field.bytes());
            }
        }
        return new StoreLayout(fields);
    }

    /**
     * What a store made from {@code binding}'s {@code records} records depends on: the format version, each field's
     * kind, name, shape and declarations (an image's size, channels and decoding; class names), and the record
     * count. Not an image's scaling or augmentation, which are applied as each batch is assembled. A SHA-256, in hex.
     */
    static String fingerprint(ReaderBinding<?> binding, int records) {
        StringBuilder text = new StringBuilder("dataseq-store ").append(FORMAT_VERSION).append('\n');
        for (Output<?> output : binding.features()) {
            text.append("features ").append(output.valuesFingerprint()).append('\n');
        }
        for (Output<?> output : binding.labels()) {
            text.append("labels ").append(output.valuesFingerprint()).append('\n');
        }
        text.append("records ").append(records).append('\n');
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** The fields, inputs first, each role in the reader's order. */
    List<Field> fields() {
        return fields;
    }

    /** The field of the {@code index}-th output if {@code label}, else of the {@code index}-th input. */
    Field field(boolean label, int index) {
        for (Field field : fields) {
            if (field.label() == label && field.index() == index) {
                return field;
            }
        }
        throw new IllegalArgumentException("no " + (label ? "output " : "input ") + index);
    }

    /** The bytes of one record. */
    int recordBytes() {
        return recordBytes;
    }
}
