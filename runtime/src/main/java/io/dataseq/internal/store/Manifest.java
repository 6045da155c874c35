package io.dataseq.internal.store;

import io.dataseq.annotation.Image;
import io.dataseq.image.ImageSpec;
import io.dataseq.internal.store.StoreLayout.Encoding;
import io.dataseq.internal.store.StoreLayout.Field;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A store's description of itself, the file {@value #FILE} written last: the format version, the fingerprint of
 * what made it, the record count, the layout of a record, the chunk files with their sizes and CRC32C checksums, and
 * the records the writing pass skipped. A line-oriented UTF-8 text, one fact a line, names and messages
 * URL-encoded, ending with a line {@code end} (see {@code docs/store.md}).
 *
 * @param version the format version
 * @param fingerprint what the store was made from (see {@link StoreLayout#fingerprint})
 * @param records the record count
 * @param layout where each value of a record lies
 * @param recordsPerChunk the records of each chunk file but the last
 * @param chunks the chunk files, in record order
 * @param skipped the records the writing pass could not read
 */
record Manifest(int version, String fingerprint, int records, StoreLayout layout, int recordsPerChunk,
        List<Chunk> chunks, List<Skip> skipped) {
    /** The manifest's file name in a store directory. */
    static final String FILE = "manifest";

    private static final String MAGIC = "dataseq-store";
    private static final String NULL = "~"; // URL-encoding never yields a lone "~" (it encodes it as %7E)

    /**
     * One chunk file.
     *
     * @param file its name in the store directory
     * @param bytes its size
     * @param crc32c the CRC32C of its bytes
     */
    record Chunk(String file, long bytes, int crc32c) {}

    /**
     * A record the writing pass could not read.
     *
     * @param record the record number
     * @param description the reader's description of it, or null
     * @param message what the reader threw
     */
    record Skip(int record, String description, String message) {}

    Manifest {
        chunks = List.copyOf(chunks);
        skipped = List.copyOf(skipped);
    }

    /** Writes the manifest as {@code directory/manifest}: a temporary file, forced to disk, then renamed. */
    void writeTo(Path directory) throws IOException {
        StringBuilder text = new StringBuilder();
        text.append(MAGIC).append(' ').append(version).append('\n');
        text.append("fingerprint ").append(fingerprint).append('\n');
        text.append("records ").append(records).append('\n');
        text.append("record-bytes ").append(layout.recordBytes()).append('\n');
        text.append("records-per-chunk ").append(recordsPerChunk).append('\n');
        text.append("byte-order little-endian\n");
        for (Field field : layout.fields()) {
            text.append("field ").append(field.label() ? "labels " : "features ").append(field.index()).append(' ')
                    .append(field.offset()).append(' ').append(field.encoding().text).append(' ')
                    .append(join(field.shape())).append(' ').append(encode(field.name()));
            if (!field.classNames().isEmpty()) {
                List<String> names = new ArrayList<>();
                for (String name : field.classNames()) {
                    names.add(encode(name));
                }
                text.append(' ').append(String.join(",", names));
            }
            text.append('\n');
            if (field.image() != null) {
                text.append("image ").append(field.label() ? "labels " : "features ").append(field.index())
                        .append(' ').append(imageText(field.image())).append('\n');
            }
        }
        for (Chunk chunk : chunks) {
            text.append("chunk ").append(chunk.file()).append(' ').append(chunk.bytes()).append(' ')
                    .append(String.format("%08x", chunk.crc32c())).append('\n');
        }
        for (Skip skip : skipped) {
            text.append("skipped ").append(skip.record()).append(' ').append(encode(skip.description())).append(' ')
                    .append(encode(skip.message())).append('\n');
        }
        text.append("end\n");
        Path temporary = directory.resolve(FILE + ".tmp");
        Files.writeString(temporary, text, StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(temporary, directory.resolve(FILE), StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Reads {@code directory/manifest}.
     *
     * @throws IOException when it is missing, unreadable, of another format version, or not a whole manifest
     */
    static Manifest readFrom(Path directory) throws IOException {
        Path file = directory.resolve(FILE);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        int number = 0;
        try {
            String[] first = lines.get(number++).split(" ");
            if (!first[0].equals(MAGIC)) {
                throw new IOException(file + " is not a DataSeq store manifest");
            }
            int version = Integer.parseInt(first[1]);
            if (version != StoreLayout.FORMAT_VERSION) {
                throw new IOException(file + " is a store of format " + version + "; this DataSeq reads format "
                        + StoreLayout.FORMAT_VERSION);
            }
            String fingerprint = value(lines.get(number++), "fingerprint");
            int records = Integer.parseInt(value(lines.get(number++), "records"));
            int recordBytes = Integer.parseInt(value(lines.get(number++), "record-bytes"));
            int recordsPerChunk = Integer.parseInt(value(lines.get(number++), "records-per-chunk"));
            if (!value(lines.get(number++), "byte-order").equals("little-endian")) {
                throw new IOException(file + ": only little-endian stores are written");
            }
            List<Field> fields = new ArrayList<>();
            Map<String, String[]> images = new HashMap<>();
            List<Chunk> chunks = new ArrayList<>();
            List<Skip> skipped = new ArrayList<>();
            for (String line = lines.get(number++); !line.equals("end"); line = lines.get(number++)) {
                String[] words = line.split(" ");
                switch (words[0]) {
                    case "field" -> fields.add(new Field(words[1].equals("labels"), Integer.parseInt(words[2]),
                            decode(words[6]), Encoding.parse(words[4]), split(words[5]),
                            words.length > 7 ? decodeAll(words[7]) : List.of(), null, Integer.parseInt(words[3])));
                    case "image" -> images.put(words[1] + " " + words[2], words);
                    case "chunk" -> chunks.add(new Chunk(words[1], Long.parseLong(words[2]),
                            Integer.parseUnsignedInt(words[3], 16)));
                    case "skipped" -> skipped.add(new Skip(Integer.parseInt(words[1]), decode(words[2]),
                            decode(words[3])));
                    default -> throw new IOException(file + ", line " + number + ": unknown entry " + words[0]);
                }
            }
            for (int i = 0; i < fields.size(); i++) {
                Field field = fields.get(i);
                if (field.encoding() == Encoding.UINT8_IMAGE) {
                    String[] image = images.get((field.label() ? "labels " : "features ") + field.index());
                    if (image == null) {
                        throw new IOException(file + ": the image " + field.name() + " has no image line");
                    }
                    fields.set(i, new Field(field.label(), field.index(), field.name(), field.encoding(),
                            field.shape(), field.classNames(), imageSpec(field.shape(), image), field.offset()));
                }
            }
            StoreLayout layout = new StoreLayout(fields);
            if (layout.recordBytes() != recordBytes) {
                throw new IOException(file + ": its fields take " + layout.recordBytes() + " bytes a record, not "
                        + recordBytes);
            }
            return new Manifest(version, fingerprint, records, layout, recordsPerChunk, chunks, skipped);
        } catch (IndexOutOfBoundsException | IllegalArgumentException | NullPointerException e) {
            throw new IOException(file + " is not a whole manifest (line " + number + "): " + e.getMessage(), e);
        }
    }

    /** An image spec's values as {@code key=value} words (its size is the field's shape). */
    private static String imageText(ImageSpec spec) {
        int channels = spec.channels().count();
        StringBuilder mean = new StringBuilder();
        StringBuilder std = new StringBuilder();
        for (int c = 0; c < channels; c++) {
            mean.append(c == 0 ? "" : ",").append(spec.mean(c));
            std.append(c == 0 ? "" : ",").append(spec.std(c));
        }
        return "channels=" + spec.channels() + " interpolation=" + spec.interpolation() + " mean=" + mean
                + " std=" + std + " max-pixels=" + spec.maxPixels() + " reduced-decode=" + spec.reducedDecode()
                + " flip-horizontal=" + spec.flipHorizontal() + " rotate-degrees=" + spec.rotateDegrees()
                + " crop-scale=" + spec.cropScale() + " brightness=" + spec.brightness() + " contrast="
                + spec.contrast();
    }

    /** The spec of an image field of {@code shape} ({channels, height, width}) from its image line's words. */
    private static ImageSpec imageSpec(int[] shape, String[] words) {
        Map<String, String> values = new HashMap<>();
        for (int i = 3; i < words.length; i++) {
            int equals = words[i].indexOf('=');
            values.put(words[i].substring(0, equals), words[i].substring(equals + 1));
        }
        ImageSpec spec = ImageSpec.builder(shape[1], shape[2])
                .channels(Image.Channels.valueOf(values.get("channels")))
                .interpolation(Image.Interpolation.valueOf(values.get("interpolation")))
                .mean(doubles(values.get("mean")))
                .std(doubles(values.get("std")))
                .maxPixels(Long.parseLong(values.get("max-pixels")))
                .reducedDecode(Boolean.parseBoolean(values.get("reduced-decode")))
                .flipHorizontal(Double.parseDouble(values.get("flip-horizontal")))
                .rotateDegrees(Double.parseDouble(values.get("rotate-degrees")))
                .cropScale(Double.parseDouble(values.get("crop-scale")))
                .brightness(Double.parseDouble(values.get("brightness")))
                .contrast(Double.parseDouble(values.get("contrast")))
                .build();
        if (spec.channels().count() != shape[0]) {
            throw new IllegalArgumentException("an image of " + spec.channels() + " in a field of shape "
                    + Arrays.toString(shape));
        }
        return spec;
    }

    private static double[] doubles(String values) {
        return Arrays.stream(values.split(",")).mapToDouble(Double::parseDouble).toArray();
    }

    private static String value(String line, String key) throws IOException {
        if (!line.startsWith(key + " ")) {
            throw new IOException("expected " + key + ", found \"" + line + "\"");
        }
        return line.substring(key.length() + 1);
    }

    private static String join(int[] shape) {
        StringBuilder text = new StringBuilder();
        for (int dimension : shape) {
            text.append(text.length() == 0 ? "" : ",").append(dimension);
        }
        return text.toString();
    }

    private static int[] split(String shape) {
        return Arrays.stream(shape.split(",")).mapToInt(Integer::parseInt).toArray();
    }

    private static String encode(String text) {
        return text == null ? NULL : text.isEmpty() ? "%" : URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String decode(String text) {
        return text.equals(NULL) ? null : text.equals("%") ? "" : URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    private static List<String> decodeAll(String names) {
        List<String> decoded = new ArrayList<>();
        for (String name : names.split(",")) {
            decoded.add(decode(name));
        }
        return decoded;
    }
}
