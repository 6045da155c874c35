package io.dataseq.image;

import io.dataseq.image.ImageHeader.Format;

/**
 * The size of a JPEG 2000 image from its codestream's SIZ marker segment, the one decoders allocate from: in a JP2
 * file, the codestream is the {@code jp2c} box; a bare codestream (J2K) starts with it. The size is the reference
 * grid less its offset ({@code Xsiz - XOsiz} by {@code Ysiz - YOsiz}). More than 4 components is refused: the
 * decoder decodes every component in full before OpenCV keeps at most 4, which the pixel limit does not count.
 *
 * <p>OpenCV's JPEG 2000 decoder (Jasper, in JavaCV's builds) is off unless the environment variable
 * {@code OPENCV_IO_ENABLE_JASPER} is true; the size is checked either way.
 */
final class Jpeg2000Header {
    private static final int MAX_COMPONENTS = 4;

    private Jpeg2000Header() {}

    static ImageHeader read(HeaderBytes bytes) {
        long codestream = bytes.u8(0) == 0xFF ? 0 : codestream(bytes);
        if (codestream < 0) {
            return truncated("it has no codestream (jp2c) box");
        }
        int at = (int) codestream;
        if (!bytes.has(at, 42)) {
            return truncated("it ends in its codestream's SIZ header");
        }
        if (!bytes.matches(at, 0xFF, 0x4F, 0xFF, 0x51)) {
            return corrupt("its codestream does not start with SOC and SIZ markers");
        }
        long xSize = bytes.u32(at + 8, false);
        long ySize = bytes.u32(at + 12, false);
        long xOffset = bytes.u32(at + 16, false);
        long yOffset = bytes.u32(at + 20, false);
        int components = bytes.u16be(at + 40);
        if (xOffset >= xSize || yOffset >= ySize) {
            return corrupt("its SIZ declares an image of " + xSize + "x" + ySize + " from offset " + xOffset + ","
                    + yOffset);
        }
        long width = xSize - xOffset;
        long height = ySize - yOffset;
        if (components > MAX_COMPONENTS) {
            return new ImageHeader(Format.JPEG_2000, width, height, false, "is a JPEG 2000 image of " + components
                    + " components; DataSeq decodes at most " + MAX_COMPONENTS + " (gray, colour, alpha)");
        }
        return ImageHeader.sized(Format.JPEG_2000, width, height);
    }

    /**
     * Where the codestream starts: after the header of the top-level {@code jp2c} box, or -1 when there is none.
     * A box is a 32-bit length (1: a 64-bit length follows; 0: to the end of the file) and a 4-letter type.
     */
    private static long codestream(HeaderBytes bytes) {
        long box = 0;
        while (bytes.has(box, 8)) {
            int at = (int) box;
            long length = bytes.u32(at, false);
            int header = 8;
            if (length == 1) {
                if (!bytes.has(at, 16)) {
                    return -1;
                }
                length = bytes.u64(at + 8, false);
                header = 16;
            } else if (length == 0) {
                length = bytes.length - box;
            }
            if (bytes.matches(at + 4, "jp2c")) {
                return box + header;
            }
            if (length < header) {
                return -1;
            }
            box += length;
        }
        return -1;
    }

    private static ImageHeader truncated(String why) {
        return ImageHeader.problem(Format.JPEG_2000, "is a truncated JPEG 2000 image: " + why);
    }

    private static ImageHeader corrupt(String why) {
        return ImageHeader.problem(Format.JPEG_2000, "is a corrupt JPEG 2000 image: " + why);
    }
}
