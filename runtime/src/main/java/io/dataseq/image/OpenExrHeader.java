package io.dataseq.image;

import io.dataseq.image.ImageHeader.Format;

/**
 * The size of an OpenEXR image: its {@code dataWindow} attribute (a box of inclusive pixel coordinates), which
 * OpenCV's decoder allocates from, found among the header's attributes (name, type name, 32-bit size, value), and
 * for a tiled file the size of one tile, which OpenEXR allocates too: the larger counts. Multi-part and deep
 * (non-image) files are refused: OpenCV reads neither, and their parts would need sizes of their own.
 *
 * <p>OpenCV's OpenEXR decoder is off unless the environment variable {@code OPENCV_IO_ENABLE_OPENEXR} is true;
 * the size is checked either way.
 */
final class OpenExrHeader {
    private static final int TILED = 0x200;
    private static final int LONG_NAMES = 0x400;
    private static final int NON_IMAGE = 0x800;
    private static final int MULTI_PART = 0x1000;

    private OpenExrHeader() {}

    static ImageHeader read(HeaderBytes bytes) {
        if (!bytes.has(0, 8)) {
            return truncated("it ends in its version field");
        }
        long version = bytes.u32(4, true);
        if ((version & (NON_IMAGE | MULTI_PART)) != 0) {
            return ImageHeader.problem(Format.OPENEXR, "is a " + ((version & MULTI_PART) != 0 ? "multi-part"
                    : "deep") + " OpenEXR file, which DataSeq does not decode");
        }
        int maxName = (version & LONG_NAMES) != 0 ? 255 : 31;
        long width = -1;
        long height = -1;
        long tileWidth = 0;
        long tileHeight = 0;
        int at = 8;
        while (true) {
            int nameEnd = end(bytes, at, maxName);
            if (nameEnd < 0) {
                return truncated("it ends in its header");
            }
            if (nameEnd == at) { // an empty name ends the header
                break;
            }
            int typeEnd = end(bytes, nameEnd + 1, maxName);
            if (typeEnd < 0 || !bytes.has(typeEnd + 1, 4)) {
                return truncated("it ends in its header");
            }
            long size = bytes.u32(typeEnd + 1, true);
            int value = typeEnd + 5;
            if (!bytes.has(value, size)) {
                return truncated("it ends in its header");
            }
            if (bytes.matches(at, "dataWindow\0box2i\0") && size == 16) {
                long xMin = (int) bytes.u32(value, true);
                long yMin = (int) bytes.u32(value + 4, true);
                long xMax = (int) bytes.u32(value + 8, true);
                long yMax = (int) bytes.u32(value + 12, true);
                if (xMax < xMin || yMax < yMin) {
                    return corrupt("its data window (" + xMin + "," + yMin + ")-(" + xMax + "," + yMax
                            + ") is empty");
                }
                width = Math.max(width, xMax - xMin + 1);
                height = Math.max(height, yMax - yMin + 1);
            } else if (bytes.matches(at, "tiles\0tiledesc\0") && size == 9) {
                long x = bytes.u32(value, true);
                long y = bytes.u32(value + 4, true);
                if (ImageHeader.product(x, y) > ImageHeader.product(tileWidth, tileHeight)) {
                    tileWidth = x;
                    tileHeight = y;
                }
            }
            at = (int) (value + size);
        }
        if (width < 0) {
            return corrupt("its header has no dataWindow");
        }
        boolean tileLarger = ImageHeader.product(tileWidth, tileHeight) > ImageHeader.product(width, height);
        if ((version & TILED) != 0 && tileLarger) {
            // one tile is larger than the image: OpenEXR allocates it whole, so it is what the limit must see
            return ImageHeader.sized(Format.OPENEXR, tileWidth, tileHeight);
        }
        return ImageHeader.sized(Format.OPENEXR, width, height);
    }

    /** The index of the NUL that ends a name of at most {@code max} bytes from {@code from}, or -1. */
    private static int end(HeaderBytes bytes, int from, int max) {
        for (int i = from; i < bytes.length && i <= from + max; i++) {
            if (bytes.u8(i) == 0) {
                return i;
            }
        }
        return -1;
    }

    private static ImageHeader truncated(String why) {
        return ImageHeader.problem(Format.OPENEXR, "is a truncated OpenEXR file: " + why);
    }

    private static ImageHeader corrupt(String why) {
        return ImageHeader.problem(Format.OPENEXR, "is a corrupt OpenEXR file: " + why);
    }
}
