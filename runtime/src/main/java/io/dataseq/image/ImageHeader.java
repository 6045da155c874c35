package io.dataseq.image;

import java.nio.ByteBuffer;

/**
 * What an encoded image's bytes say about it without decoding: its format, the size its header declares, whether
 * its EXIF orientation turns it sideways, and whether it is visibly truncated or corrupt. A few header fields and
 * one look at the end of the file, never the pixels: cheap enough to run before every decode.
 *
 * <p>JPEG, PNG, GIF and BMP are read; any other format is {@link Format#UNKNOWN}, with no size, and is left to
 * OpenCV.
 *
 * @param format the format, from the file's signature
 * @param width the width the header declares, or -1 when unknown
 * @param height the height the header declares, or -1 when unknown
 * @param transposed whether the EXIF orientation (5 to 8) swaps width and height when the image is decoded
 * @param problem why the file cannot be a complete image of its format ("is a truncated JPEG: ..."), or null
 */
record ImageHeader(Format format, long width, long height, boolean transposed, String problem) {

    /** The formats whose header is read. */
    enum Format {
        JPEG, PNG, GIF, BMP, UNKNOWN
    }

    private static final int EXIF_ORIENTATION = 0x0112;

    /** Whether the header declares a size. */
    boolean hasSize() {
        return width >= 0 && height >= 0;
    }

    /** The pixels the header declares, or -1 when unknown. */
    long pixels() {
        return hasSize() ? width * height : -1;
    }

    /** The width of the decoded image, after its EXIF orientation. */
    long orientedWidth() {
        return transposed ? height : width;
    }

    /** The height of the decoded image, after its EXIF orientation. */
    long orientedHeight() {
        return transposed ? width : height;
    }

    /** Reads the header of the {@code length} bytes at the start of {@code data} (absolute reads only). */
    static ImageHeader read(ByteBuffer data, int length) {
        Bytes bytes = new Bytes(data, length);
        if (bytes.matches(0, 0xFF, 0xD8)) {
            return jpeg(bytes);
        }
        if (bytes.matches(0, 0x89, 'P', 'N', 'G')) {
            return png(bytes);
        }
        if (bytes.matches(0, 'G', 'I', 'F', '8')) {
            return gif(bytes);
        }
        if (bytes.matches(0, 'B', 'M')) {
            return bmp(bytes);
        }
        return new ImageHeader(Format.UNKNOWN, -1, -1, false, null);
    }

    /**
     * Walks the markers up to the first scan: the frame header (SOF) gives the size, an EXIF segment the
     * orientation. libjpeg decodes a file cut in its scan data without an error (it fills the rest with gray), so a
     * file must also hold an end-of-image marker after its first scan; FF D9 cannot occur inside scan data, where
     * every FF byte is followed by 00 or a restart marker.
     */
    private static ImageHeader jpeg(Bytes bytes) {
        long width = -1;
        long height = -1;
        boolean transposed = false;
        int position = 2;
        while (true) {
            if (position >= bytes.length) {
                return jpeg(width, height, transposed, width < 0
                        ? "is a truncated JPEG: it ends before its frame header"
                        : "is a truncated JPEG: it ends before its image data");
            }
            if (bytes.u8(position) != 0xFF) {
                position++; // stray bytes between segments: libjpeg skips them with a warning, so do we
                continue;
            }
            while (position < bytes.length && bytes.u8(position) == 0xFF) {
                position++; // fill bytes may pad any marker
            }
            if (position >= bytes.length) {
                continue;
            }
            int marker = bytes.u8(position++);
            if (marker == 0x01 || marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7)) {
                continue; // a marker without a segment
            }
            if (marker == 0xD9) {
                return jpeg(width, height, transposed, "is a corrupt JPEG: it ends (EOI) before its image data");
            }
            if (position + 2 > bytes.length) {
                position = bytes.length; // cut inside the segment's length
                continue;
            }
            int segmentLength = bytes.u16be(position);
            int start = position + 2;
            int end = position + segmentLength;
            if (segmentLength < 2) {
                return jpeg(width, height, transposed, "is a corrupt JPEG: a segment of length " + segmentLength
                        + " at byte " + (position - 2));
            }
            if (marker == 0xDA) {
                if (width < 0) {
                    return jpeg(width, height, transposed, "is a corrupt JPEG: its scan comes before its frame "
                            + "header");
                }
                String problem = bytes.lastIndexOf(0xFF, 0xD9, end) < 0
                        ? "is a truncated JPEG: it ends in its image data, before the end-of-image marker"
                        : null;
                return jpeg(width, height, transposed, problem);
            }
            if (isStartOfFrame(marker)) {
                if (end > bytes.length || segmentLength < 8) {
                    return jpeg(width, height, transposed, "is a truncated JPEG: it ends in its frame header");
                }
                height = bytes.u16be(start + 1);
                width = bytes.u16be(start + 3);
                if (width == 0 || height == 0) {
                    return jpeg(width, height, transposed, "is a corrupt JPEG: its frame header declares " + width
                            + "x" + height + " pixels");
                }
            } else if (marker == 0xE1 && width < 0 && end <= bytes.length) {
                transposed |= exifTransposes(bytes, start, end);
            }
            position = end;
        }
    }

    private static ImageHeader jpeg(long width, long height, boolean transposed, String problem) {
        return new ImageHeader(Format.JPEG, width, height, transposed, problem);
    }

    /** SOF0..SOF15, less DHT (C4), JPG (C8) and DAC (CC), which share the range. */
    private static boolean isStartOfFrame(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    /**
     * Whether an APP1 segment is EXIF with an orientation of 5 to 8, which OpenCV applies by turning the image a
     * quarter (its width becomes its height). Anything malformed counts as no orientation: OpenCV ignores it too.
     */
    private static boolean exifTransposes(Bytes bytes, int start, int end) {
        if (end - start < 14 || !bytes.matches(start, 'E', 'x', 'i', 'f', 0, 0)) {
            return false;
        }
        int tiff = start + 6;
        boolean little;
        if (bytes.matches(tiff, 'I', 'I')) {
            little = true;
        } else if (bytes.matches(tiff, 'M', 'M')) {
            little = false;
        } else {
            return false;
        }
        long directory = tiff + bytes.u32(tiff + 4, little);
        if (directory + 2 > end) {
            return false;
        }
        int entries = bytes.u16(((int) directory), little);
        for (int i = 0; i < entries; i++) {
            long entry = directory + 2 + 12L * i;
            if (entry + 12 > end) {
                return false;
            }
            if (bytes.u16((int) entry, little) == EXIF_ORIENTATION) {
                int orientation = bytes.u16((int) entry + 8, little);
                return orientation >= 5 && orientation <= 8;
            }
        }
        return false;
    }

    /** The size from IHDR; the file must end with an IEND chunk (libpng fails on a cut file, less clearly). */
    private static ImageHeader png(Bytes bytes) {
        if (bytes.length < 24) {
            return new ImageHeader(Format.PNG, -1, -1, false, "is a truncated PNG: it ends in its header");
        }
        if (!bytes.matches(0, 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n') || !bytes.matches(12, 'I', 'H', 'D', 'R')) {
            return new ImageHeader(Format.PNG, -1, -1, false, "is a corrupt PNG: its signature or IHDR is damaged");
        }
        long width = bytes.u32(16, false);
        long height = bytes.u32(20, false);
        String problem = null;
        if (width == 0 || height == 0) {
            problem = "is a corrupt PNG: its header declares " + width + "x" + height + " pixels";
        } else if (bytes.lastIndexOf('I', 'E', 'N', 'D', 16) < 0) {
            problem = "is a truncated PNG: it ends before its IEND chunk";
        }
        return new ImageHeader(Format.PNG, width, height, false, problem);
    }

    /** The logical screen size. */
    private static ImageHeader gif(Bytes bytes) {
        if (bytes.length < 10) {
            return new ImageHeader(Format.GIF, -1, -1, false, "is a truncated GIF: it ends in its header");
        }
        return new ImageHeader(Format.GIF, bytes.u16(6, true), bytes.u16(8, true), false, null);
    }

    /** The size from the DIB header: 16-bit in the old OS/2 header, 32-bit (negative height: top-down) after. */
    private static ImageHeader bmp(Bytes bytes) {
        if (bytes.length < 26) {
            return new ImageHeader(Format.BMP, -1, -1, false, "is a truncated BMP: it ends in its header");
        }
        long declaredFileSize = bytes.u32(2, true);
        long headerSize = bytes.u32(14, true);
        long width;
        long height;
        if (headerSize == 12) {
            width = bytes.u16(18, true);
            height = bytes.u16(20, true);
        } else {
            width = (int) bytes.u32(18, true);
            height = Math.abs((long) (int) bytes.u32(22, true));
        }
        String problem = null;
        if (width <= 0 || height == 0) {
            problem = "is a corrupt BMP: its header declares " + width + "x" + height + " pixels";
        } else if (declaredFileSize > bytes.length) {
            problem = "is a truncated BMP: it has " + bytes.length + " of the " + declaredFileSize
                    + " bytes its header declares";
        }
        return new ImageHeader(Format.BMP, width, height, false, problem);
    }

    /** Bounds-checked unsigned reads over the first {@code length} bytes of a buffer. */
    private static final class Bytes {
        private final ByteBuffer data;
        private final int length;

        Bytes(ByteBuffer data, int length) {
            this.data = data;
            this.length = length;
        }

        int u8(int index) {
            return data.get(index) & 0xFF;
        }

        int u16be(int index) {
            return index + 2 <= length ? u8(index) << 8 | u8(index + 1) : 0;
        }

        int u16(int index, boolean little) {
            if (index < 0 || index + 2 > length) {
                return 0;
            }
            return little ? u8(index) | u8(index + 1) << 8 : u16be(index);
        }

        long u32(int index, boolean little) {
            if (index < 0 || index + 4 > length) {
                return 0;
            }
            long value = 0;
            for (int i = 0; i < 4; i++) {
                int b = u8(little ? index + 3 - i : index + i);
                value = value << 8 | b;
            }
            return value;
        }

        boolean matches(int index, int... expected) {
            if (index < 0 || index + expected.length > length) {
                return false;
            }
            for (int i = 0; i < expected.length; i++) {
                if (u8(index + i) != expected[i]) {
                    return false;
                }
            }
            return true;
        }

        /** The last index at or after {@code from} where {@code pattern} starts, or -1; searches from the end. */
        int lastIndexOf(int first, int second, int from) {
            return lastIndexOf(new int[] {first, second}, from);
        }

        int lastIndexOf(int a, int b, int c, int d, int from) {
            return lastIndexOf(new int[] {a, b, c, d}, from);
        }

        private int lastIndexOf(int[] pattern, int from) {
            for (int i = length - pattern.length; i >= Math.max(from, 0); i--) {
                if (matches(i, pattern)) {
                    return i;
                }
            }
            return -1;
        }
    }
}
