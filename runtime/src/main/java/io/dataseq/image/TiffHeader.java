package io.dataseq.image;

import io.dataseq.image.ImageHeader.Format;

/**
 * The size of a TIFF's first image, the one OpenCV decodes: the ImageWidth and ImageLength tags of the first image
 * file directory (IFD), in either byte order, in a classic TIFF (32-bit offsets) or a BigTIFF (64-bit offsets,
 * which OpenCV 4.13 decodes and 4.5 does not). The header holds no size of its own, and the pixels may be packed
 * with Deflate or LZW at a thousand to one: a 255 KB file can decode to 16384 x 16384, so the size must be read
 * from the directory before OpenCV allocates it.
 *
 * <p>What libtiff would refuse is refused here too, as corrupt: a directory outside the file, a size tag with a
 * count other than 1 or of a non-integer type, a missing size. A size tag given twice counts with its larger value.
 * More than 4 samples per pixel is refused: OpenCV decodes gray, colour and alpha, and its buffers grow with the
 * samples, which the pixel limit does not count.
 */
final class TiffHeader {
    private static final int IMAGE_WIDTH = 256;
    private static final int IMAGE_LENGTH = 257;
    private static final int SAMPLES_PER_PIXEL = 277;
    private static final int MAX_SAMPLES = 4;

    private TiffHeader() {}

    /** Whether the bytes start with a TIFF or BigTIFF signature: II or MM, then 42 or 43 in that byte order. */
    static boolean isTiff(HeaderBytes bytes) {
        return bytes.matches(0, 'I', 'I', 42, 0) || bytes.matches(0, 'M', 'M', 0, 42)
                || bytes.matches(0, 'I', 'I', 43, 0) || bytes.matches(0, 'M', 'M', 0, 43);
    }

    static ImageHeader read(HeaderBytes bytes) {
        boolean little = bytes.u8(0) == 'I';
        boolean big = bytes.u16(2, little) == 43;
        long directory;
        if (big) {
            if (bytes.length < 16) {
                return truncated("it ends in its 16-byte BigTIFF header");
            }
            if (bytes.u16(4, little) != 8 || bytes.u16(6, little) != 0) {
                return corrupt("its BigTIFF header declares offsets of " + bytes.u16(4, little) + " bytes, not 8");
            }
            directory = bytes.u64(8, little);
        } else {
            if (bytes.length < 8) {
                return truncated("it ends in its 8-byte header");
            }
            directory = bytes.u32(4, little);
        }
        int countBytes = big ? 8 : 2;
        int entryBytes = big ? 20 : 12;
        if (directory < (big ? 16 : 8) || !bytes.has(directory, countBytes)) {
            return directory >= bytes.length
                    ? truncated("its first image directory, at byte " + directory + ", is past its end ("
                            + bytes.length + " bytes)")
                    : corrupt("its first image directory is at byte " + directory + ", inside its header");
        }
        int at = (int) directory;
        long entries = big ? bytes.u64(at, little) : bytes.u16(at, little);
        if (entries > bytes.length / entryBytes || !bytes.has(at + countBytes, entries * entryBytes)) {
            return truncated("it ends in its first image directory (" + entries + " entries at byte " + directory
                    + ")");
        }
        long width = -1;
        long height = -1;
        long samples = 1;
        for (int i = 0; i < entries; i++) {
            int entry = at + countBytes + i * entryBytes;
            int tag = bytes.u16(entry, little);
            if (tag != IMAGE_WIDTH && tag != IMAGE_LENGTH && tag != SAMPLES_PER_PIXEL) {
                continue;
            }
            long value = value(bytes, entry, little, big);
            if (value < 0) {
                return corrupt("its " + name(tag) + " tag is not one non-negative integer (type "
                        + bytes.u16(entry + 2, little) + ", count " + (big ? bytes.u64(entry + 4, little)
                                : bytes.u32(entry + 4, little)) + ")");
            }
            if (tag == IMAGE_WIDTH) {
                width = Math.max(width, value);
            } else if (tag == IMAGE_LENGTH) {
                height = Math.max(height, value);
            } else {
                samples = Math.max(samples, value);
            }
        }
        if (width < 0 || height < 0) {
            return corrupt("its first image directory has no " + (width < 0 ? name(IMAGE_WIDTH) : name(IMAGE_LENGTH))
                    + " tag");
        }
        if (width == 0 || height == 0) {
            return corrupt("its first image directory declares " + width + "x" + height + " pixels");
        }
        if (samples > MAX_SAMPLES) {
            return new ImageHeader(Format.TIFF, width, height, false, "is a TIFF of " + samples + " samples per pixel;"
                    + " DataSeq decodes at most " + MAX_SAMPLES + " (gray, colour, alpha)");
        }
        return ImageHeader.sized(Format.TIFF, width, height);
    }

    /**
     * The value of a one-value integer entry, stored in the entry itself; -1 for anything libtiff would not read
     * as a size: another count, a type that is not an integer, a negative signed value.
     */
    private static long value(HeaderBytes bytes, int entry, boolean little, boolean big) {
        int type = bytes.u16(entry + 2, little);
        long count = big ? bytes.u64(entry + 4, little) : bytes.u32(entry + 4, little);
        int at = entry + (big ? 12 : 8);
        if (count != 1) {
            return -1;
        }
        switch (type) {
            case 1: // BYTE
                return bytes.u8(at);
            case 6: // SBYTE
                return (byte) bytes.u8(at);
            case 3: // SHORT
                return bytes.u16(at, little);
            case 8: // SSHORT
                return (short) bytes.u16(at, little);
            case 4: // LONG
                return bytes.u32(at, little);
            case 9: // SLONG
                return (int) bytes.u32(at, little);
            case 16: // LONG8, BigTIFF only: its value fits in the entry
            case 17: // SLONG8
                return big ? bytes.u64(at, little) : -1;
            default:
                return -1;
        }
    }

    private static String name(int tag) {
        switch (tag) {
            case IMAGE_WIDTH:
                return "ImageWidth";
            case IMAGE_LENGTH:
                return "ImageLength";
            default:
                return "SamplesPerPixel";
        }
    }

    private static ImageHeader truncated(String why) {
        return ImageHeader.problem(Format.TIFF, "is a truncated TIFF: " + why);
    }

    private static ImageHeader corrupt(String why) {
        return ImageHeader.problem(Format.TIFF, "is a corrupt TIFF: " + why);
    }
}
