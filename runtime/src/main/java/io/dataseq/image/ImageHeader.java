package io.dataseq.image;

import java.math.BigInteger;
import java.nio.ByteBuffer;

/**
 * What an encoded image's bytes say about it without decoding: its format, the size its header declares, whether
 * its EXIF orientation turns it sideways, and whether it is visibly truncated or corrupt. A few header fields and
 * one look at the end of the file, never the pixels: cheap enough to run before every decode.
 *
 * <p>The format is told by the file's signature, its first bytes, as OpenCV tells it (never by the file's name),
 * and every format OpenCV 4.5 to 4.13 decodes has its size read here: JPEG, PNG, GIF, BMP and Sun raster below,
 * TIFF ({@link TiffHeader}), WebP ({@link WebpHeader}), PBM/PGM/PPM, PAM and PFM ({@link NetpbmHeader}), Radiance
 * HDR ({@link RadianceHeader}), JPEG 2000 ({@link Jpeg2000Header}) and OpenEXR ({@link OpenExrHeader}). A header
 * either declares a size or has a problem: a file whose size cannot be read is not handed to OpenCV, and neither is
 * a file of any other signature ({@link Format#UNKNOWN}), so a format whose size is not checked can never be
 * decoded past {@code maxPixels}.
 *
 * @param format the format, from the file's signature
 * @param width the width the header declares, or -1 when unknown
 * @param height the height the header declares, or -1 when unknown
 * @param transposed whether the EXIF orientation (5 to 8) swaps width and height when the image is decoded
 * @param problem why the file cannot be a complete image of its format ("is a truncated JPEG: ..."), or null
 */
record ImageHeader(Format format, long width, long height, boolean transposed, String problem) {

    /** The formats told apart by their signature, each with the name messages give it. */
    enum Format {
        JPEG("JPEG"), PNG("PNG"), GIF("GIF"), BMP("BMP"), SUN_RASTER("Sun raster"), TIFF("TIFF"), WEBP("WebP"),
        PNM("PNM"), PAM("PAM"), PFM("PFM"), RADIANCE_HDR("Radiance HDR"), JPEG_2000("JPEG 2000"),
        OPENEXR("OpenEXR"), UNKNOWN("unknown");

        private final String label;

        Format(String label) {
            this.label = label;
        }

        /** The format's name in messages, e.g. "Sun raster". */
        String label() {
            return label;
        }
    }

    /** What an unknown signature's message lists: every format whose header is read. */
    static final String FORMATS = "JPEG, PNG, BMP, GIF, TIFF, WebP, PBM/PGM/PPM, PAM, PFM, Sun raster, Radiance HDR,"
            + " JPEG 2000 and OpenEXR";

    private static final int EXIF_ORIENTATION = 0x0112;

    /** A header that declares {@code width} x {@code height} and shows no problem. */
    static ImageHeader sized(Format format, long width, long height) {
        return new ImageHeader(format, width, height, false, null);
    }

    /** A header that shows {@code problem} ("is a corrupt TIFF: ..."), with no size. */
    static ImageHeader problem(Format format, String problem) {
        return new ImageHeader(format, -1, -1, false, problem);
    }

    /** Whether the header declares a size. */
    boolean hasSize() {
        return width >= 0 && height >= 0;
    }

    /**
     * The pixels the header declares, or -1 when unknown; {@link Long#MAX_VALUE} when there are more than that (two
     * 32-bit sizes multiply beyond a {@code long}: a PNG may declare 4294967295 x 4294967295).
     */
    long pixels() {
        return hasSize() ? product(width, height) : -1;
    }

    /** {@code a * b} for non-negative values, or {@link Long#MAX_VALUE} when that does not fit in a {@code long}. */
    static long product(long a, long b) {
        return a != 0 && b > Long.MAX_VALUE / a ? Long.MAX_VALUE : a * b;
    }

    /** The declared pixels, exactly, for messages: {@code "4294967295x4294967295 = 18446744065119617025"}. */
    String declared() {
        return width + "x" + height + " = " + BigInteger.valueOf(width).multiply(BigInteger.valueOf(height));
    }

    /** The width of the decoded image, after its EXIF orientation. */
    long orientedWidth() {
        return transposed ? height : width;
    }

    /** The height of the decoded image, after its EXIF orientation. */
    long orientedHeight() {
        return transposed ? width : height;
    }

    /**
     * Reads the header of the {@code length} bytes at the start of {@code data} (absolute reads only). The
     * signatures are OpenCV's; they share no first bytes, so the order of the tests does not matter.
     */
    static ImageHeader read(ByteBuffer data, int length) {
        HeaderBytes bytes = new HeaderBytes(data, length);
        if (bytes.matches(0, 0xFF, 0xD8)) {
            return jpeg(bytes);
        }
        if (bytes.matches(0, 0x89, 'P', 'N', 'G')) {
            return png(bytes);
        }
        if (bytes.matches(0, "GIF8")) {
            return gif(bytes);
        }
        if (bytes.matches(0, "BM")) {
            return bmp(bytes);
        }
        if (bytes.matches(0, 0x59, 0xA6, 0x6A, 0x95)) {
            return sunRaster(bytes);
        }
        if (TiffHeader.isTiff(bytes)) {
            return TiffHeader.read(bytes);
        }
        if (bytes.matches(0, "RIFF") && bytes.matches(8, "WEBP")) {
            return WebpHeader.read(bytes);
        }
        if (NetpbmHeader.isNetpbm(bytes)) {
            return NetpbmHeader.read(bytes);
        }
        if (bytes.matches(0, "#?RADIANCE") || bytes.matches(0, "#?RGBE")) {
            return RadianceHeader.read(bytes);
        }
        if (bytes.matches(0, 0, 0, 0, 0x0C, 'j', 'P', ' ', ' ') || bytes.matches(0, 0xFF, 0x4F, 0xFF, 0x51)) {
            return Jpeg2000Header.read(bytes);
        }
        if (bytes.matches(0, 0x76, 0x2F, 0x31, 0x01)) {
            return OpenExrHeader.read(bytes);
        }
        return problem(Format.UNKNOWN, "is not an image in a format DataSeq decodes (" + length + " bytes, starting "
                + preview(bytes) + "); it reads " + FORMATS);
    }

    /** The first bytes in hex and as text, e.g. {@code 68 65 6c 6c "hell"}. */
    private static String preview(HeaderBytes bytes) {
        int count = Math.min(bytes.length, 8);
        StringBuilder hex = new StringBuilder();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            int b = bytes.u8(i);
            hex.append(String.format("%02x ", b));
            text.append(b >= 0x20 && b < 0x7F ? (char) b : '.');
        }
        return hex.append('"').append(text).append('"').toString();
    }

    /**
     * Walks the markers up to the first scan: the frame header (SOF) gives the size, an EXIF segment the
     * orientation. libjpeg decodes a file cut in its scan data without an error (it fills the rest with gray), so a
     * file must also hold an end-of-image marker after its first scan; FF D9 cannot occur inside scan data, where
     * every FF byte is followed by 00 or a restart marker.
     */
    private static ImageHeader jpeg(HeaderBytes bytes) {
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
                String problem = bytes.lastIndexOf(new int[] {0xFF, 0xD9}, end) < 0
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
    private static boolean exifTransposes(HeaderBytes bytes, int start, int end) {
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
    private static ImageHeader png(HeaderBytes bytes) {
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
        } else if (bytes.lastIndexOf(new int[] {'I', 'E', 'N', 'D'}, 16) < 0) {
            problem = "is a truncated PNG: it ends before its IEND chunk";
        }
        return new ImageHeader(Format.PNG, width, height, false, problem);
    }

    /** The logical screen size. */
    private static ImageHeader gif(HeaderBytes bytes) {
        if (bytes.length < 10) {
            return new ImageHeader(Format.GIF, -1, -1, false, "is a truncated GIF: it ends in its header");
        }
        return new ImageHeader(Format.GIF, bytes.u16(6, true), bytes.u16(8, true), false, null);
    }

    /** The size from the DIB header: 16-bit in the old OS/2 header, 32-bit (negative height: top-down) after. */
    private static ImageHeader bmp(HeaderBytes bytes) {
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

    /** The size from the header: width and height as 32-bit big-endian values at bytes 4 and 8. */
    private static ImageHeader sunRaster(HeaderBytes bytes) {
        if (bytes.length < 32) {
            return problem(Format.SUN_RASTER, "is a truncated Sun raster: it ends in its 32-byte header");
        }
        long width = bytes.u32(4, false);
        long height = bytes.u32(8, false);
        if (width == 0 || height == 0) {
            return problem(Format.SUN_RASTER, "is a corrupt Sun raster: its header declares " + width + "x" + height
                    + " pixels");
        }
        return sized(Format.SUN_RASTER, width, height);
    }
}
