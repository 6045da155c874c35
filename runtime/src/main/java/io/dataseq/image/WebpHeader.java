package io.dataseq.image;

import io.dataseq.image.ImageHeader.Format;

/**
 * The size of a WebP image, from the first chunk after the RIFF header: a lossy bitstream ({@code VP8 }) keeps it
 * in its key frame header, a lossless one ({@code VP8L}) in its first bits, and an extended file ({@code VP8X}, for
 * alpha, animation and metadata) declares a canvas, which libwebp requires every frame to fit and which OpenCV
 * allocates. Each dimension is at most 16384 ({@code VP8}, {@code VP8L}) or 2^24 ({@code VP8X}).
 */
final class WebpHeader {
    /** The first chunk's header: its FourCC at byte 12, its size at 16, its data from 20. */
    private static final int CHUNK = 12;
    private static final int DATA = 20;

    private WebpHeader() {}

    static ImageHeader read(HeaderBytes bytes) {
        if (bytes.matches(CHUNK, "VP8 ")) {
            // a 3-byte frame tag, the start code 9D 01 2A, then 14-bit width and height (2 bits of scale each)
            if (!bytes.has(DATA, 10)) {
                return truncated("it ends in its VP8 frame header");
            }
            if (!bytes.matches(DATA + 3, 0x9D, 0x01, 0x2A)) {
                return corrupt("its VP8 frame header has no start code");
            }
            return sized(bytes.u16(DATA + 6, true) & 0x3FFF, bytes.u16(DATA + 8, true) & 0x3FFF);
        }
        if (bytes.matches(CHUNK, "VP8L")) {
            // the signature 0x2F, then 14 bits of width - 1 and 14 bits of height - 1, least significant first
            if (!bytes.has(DATA, 5)) {
                return truncated("it ends in its VP8L header");
            }
            if (bytes.u8(DATA) != 0x2F) {
                return corrupt("its VP8L header has no signature");
            }
            long bits = bytes.u32(DATA + 1, true);
            return sized((bits & 0x3FFF) + 1, (bits >>> 14 & 0x3FFF) + 1);
        }
        if (bytes.matches(CHUNK, "VP8X")) {
            // 4 bytes of flags, then the canvas's width - 1 and height - 1 in 24 bits each
            if (!bytes.has(DATA, 10)) {
                return truncated("it ends in its VP8X header");
            }
            return sized(bytes.u24(DATA + 4, true) + 1, bytes.u24(DATA + 7, true) + 1);
        }
        if (!bytes.has(CHUNK, 4)) {
            return truncated("it ends before its first chunk");
        }
        return corrupt("its first chunk is not VP8, VP8L or VP8X");
    }

    private static ImageHeader sized(long width, long height) {
        if (width == 0 || height == 0) {
            return corrupt("it declares " + width + "x" + height + " pixels");
        }
        return ImageHeader.sized(Format.WEBP, width, height);
    }

    private static ImageHeader truncated(String why) {
        return ImageHeader.problem(Format.WEBP, "is a truncated WebP: " + why);
    }

    private static ImageHeader corrupt(String why) {
        return ImageHeader.problem(Format.WEBP, "is a corrupt WebP: " + why);
    }
}
