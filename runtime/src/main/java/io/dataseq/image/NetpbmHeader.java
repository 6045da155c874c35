package io.dataseq.image;

import io.dataseq.image.ImageHeader.Format;

/**
 * The size of a Netpbm image, written in ASCII after its magic number: PBM, PGM and PPM ({@code P1} to {@code P6},
 * "PNM" in messages), PAM ({@code P7}, {@code WIDTH} and {@code HEIGHT} lines up to {@code ENDHDR}) and PFM
 * ({@code PF} or {@code Pf}, floats). Each is read the way OpenCV reads it, so a file OpenCV decodes has the size
 * read here; whatever OpenCV would read differently (a sign, a number too long for an {@code int}, a header that
 * ends early) is refused as corrupt, never passed on with a smaller size.
 */
final class NetpbmHeader {
    /** Digits beyond which a number exceeds 2^31 - 1, where OpenCV stops. */
    private static final long MAX_NUMBER = Integer.MAX_VALUE;

    private NetpbmHeader() {}

    /** OpenCV's signatures: P, then 1 to 7, F or f, then white space. */
    static boolean isNetpbm(HeaderBytes bytes) {
        int kind = bytes.u8(1);
        return bytes.u8(0) == 'P' && (kind >= '1' && kind <= '7' || kind == 'F' || kind == 'f')
                && isSpace(bytes.u8(2));
    }

    static ImageHeader read(HeaderBytes bytes) {
        int kind = bytes.u8(1);
        if (kind == '7') {
            return pam(bytes);
        }
        if (kind == 'F' || kind == 'f') {
            return pfm(bytes);
        }
        return pnm(bytes);
    }

    /**
     * Two numbers, each after any white space and {@code #} comments, as OpenCV's {@code ReadNumber}: it takes the
     * byte that ends a number with it, whatever it is.
     */
    private static ImageHeader pnm(HeaderBytes bytes) {
        int[] at = {2};
        long width = pnmNumber(bytes, at);
        long height = width < 0 ? -1 : pnmNumber(bytes, at);
        if (width < 0 || height < 0) {
            return problem(Format.PNM, "its header's width and height are not two numbers below 2^31");
        }
        return sized(Format.PNM, width, height);
    }

    /** The next number from {@code at[0]}, moving it past the byte that ends the number; -1 if there is none. */
    private static long pnmNumber(HeaderBytes bytes, int[] at) {
        int i = at[0];
        while (i < bytes.length && !isDigit(bytes.u8(i))) {
            int c = bytes.u8(i);
            if (c == '#') {
                while (i < bytes.length && bytes.u8(i) != '\n' && bytes.u8(i) != '\r') {
                    i++;
                }
            } else if (!isSpace(c)) {
                return -1;
            }
            i++;
        }
        long value = 0;
        int start = i;
        while (i < bytes.length && isDigit(bytes.u8(i))) {
            value = value * 10 + bytes.u8(i) - '0';
            if (value > MAX_NUMBER) {
                return -1;
            }
            i++;
        }
        at[0] = i + 1;
        return i > start && i < bytes.length ? value : -1;
    }

    /**
     * Header lines up to {@code ENDHDR}, each a field name and its value; {@code #} lines are comments. A field given
     * twice counts with its larger value (OpenCV refuses such a file).
     */
    private static ImageHeader pam(HeaderBytes bytes) {
        long width = -1;
        long height = -1;
        int line = 3;
        while (line < bytes.length) {
            int end = line;
            while (end < bytes.length && bytes.u8(end) != '\n') {
                end++;
            }
            if (end == bytes.length) {
                break;
            }
            int[] at = {line};
            String field = token(bytes, at, end);
            if (field.equals("ENDHDR")) {
                if (width < 0 || height < 0) {
                    return problem(Format.PAM, "its header has no " + (width < 0 ? "WIDTH" : "HEIGHT"));
                }
                return sized(Format.PAM, width, height);
            }
            if (field.equals("WIDTH") || field.equals("HEIGHT")) {
                long value = number(token(bytes, at, end));
                if (value < 0 || !token(bytes, at, end).isEmpty()) {
                    return problem(Format.PAM, "its " + field + " is not a number below 2^31");
                }
                if (field.equals("WIDTH")) {
                    width = Math.max(width, value);
                } else {
                    height = Math.max(height, value);
                }
            }
            line = end + 1;
        }
        return ImageHeader.problem(Format.PAM, "is a truncated PAM: it ends before ENDHDR");
    }

    /** {@code PF} or {@code Pf}, white space, then the width and height, each ended by white space. */
    private static ImageHeader pfm(HeaderBytes bytes) {
        int[] at = {3};
        int limit = Math.min(bytes.length, 3 + 4096);
        long width = number(token(bytes, at, limit));
        long height = number(token(bytes, at, limit));
        if (width < 0 || height < 0 || at[0] >= limit) {
            return problem(Format.PFM, "its header's width and height are not two numbers below 2^31");
        }
        return sized(Format.PFM, width, height);
    }

    /** The next run of bytes that are not white space, from {@code at[0]} up to {@code end}, moving past it. */
    private static String token(HeaderBytes bytes, int[] at, int end) {
        int i = at[0];
        while (i < end && isSpace(bytes.u8(i))) {
            i++;
        }
        StringBuilder token = new StringBuilder();
        while (i < end && !isSpace(bytes.u8(i)) && token.length() < 32) {
            token.append((char) bytes.u8(i++));
        }
        at[0] = i;
        return token.toString();
    }

    /** A decimal number of digits only, at most 2^31 - 1; -1 for anything else. */
    private static long number(String token) {
        if (token.isEmpty() || token.length() > 10 || !token.chars().allMatch(NetpbmHeader::isDigit)) {
            return -1;
        }
        long value = Long.parseLong(token);
        return value <= MAX_NUMBER ? value : -1;
    }

    private static ImageHeader sized(Format format, long width, long height) {
        if (width == 0 || height == 0) {
            return problem(format, "its header declares " + width + "x" + height + " pixels");
        }
        return ImageHeader.sized(format, width, height);
    }

    private static ImageHeader problem(Format format, String why) {
        return ImageHeader.problem(format, "is a corrupt " + format.label() + ": " + why);
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    /** C's {@code isspace}: space, tab, line feed, vertical tab, form feed, carriage return. */
    private static boolean isSpace(int c) {
        return c == ' ' || c >= '\t' && c <= '\r';
    }
}
