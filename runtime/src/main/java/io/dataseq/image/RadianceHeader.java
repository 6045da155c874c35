package io.dataseq.image;

import io.dataseq.image.ImageHeader.Format;
import java.util.Set;

/**
 * The size of a Radiance HDR (RGBE) image: header lines after {@code #?RADIANCE} or {@code #?RGBE} up to an empty
 * line, then the resolution line, {@code -Y height +X width} in the usual orientation (OpenCV reads no other). The
 * two numbers are taken whatever their axes, since their product is the same.
 */
final class RadianceHeader {
    private static final Set<String> AXES = Set.of("-Y", "+Y", "-X", "+X");

    private RadianceHeader() {}

    static ImageHeader read(HeaderBytes bytes) {
        int blank = bytes.indexOf("\n\n", 2);
        if (blank < 0) {
            return ImageHeader.problem(Format.RADIANCE_HDR, "is a truncated Radiance HDR: it ends in its header");
        }
        int start = blank + 2;
        int end = start;
        while (end < bytes.length && end - start < 128 && bytes.u8(end) != '\n') {
            end++;
        }
        if (end >= bytes.length || bytes.u8(end) != '\n') {
            return ImageHeader.problem(Format.RADIANCE_HDR, "is a truncated Radiance HDR: it ends in its resolution"
                    + " line");
        }
        StringBuilder line = new StringBuilder();
        for (int i = start; i < end; i++) {
            line.append((char) bytes.u8(i));
        }
        String[] fields = line.toString().trim().split("[ \t]+");
        if (fields.length != 4 || !AXES.contains(fields[0]) || !AXES.contains(fields[2])
                || !fields[1].matches("[0-9]{1,10}") || !fields[3].matches("[0-9]{1,10}")) {
            return ImageHeader.problem(Format.RADIANCE_HDR, "is a corrupt Radiance HDR: its resolution line is not"
                    + " like \"-Y 480 +X 640\"");
        }
        long first = Long.parseLong(fields[1]);
        long second = Long.parseLong(fields[3]);
        if (first == 0 || second == 0) {
            return ImageHeader.problem(Format.RADIANCE_HDR, "is a corrupt Radiance HDR: its resolution line declares"
                    + " 0 pixels");
        }
        boolean rowsFirst = fields[0].endsWith("Y");
        return ImageHeader.sized(Format.RADIANCE_HDR, rowsFirst ? second : first, rowsFirst ? first : second);
    }
}
