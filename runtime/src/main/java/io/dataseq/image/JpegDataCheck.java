package io.dataseq.image;

/**
 * Finds what libjpeg would warn about while decoding a JPEG ("Corrupt JPEG data: ..."), without decoding it: libjpeg
 * prints such a warning on standard error, without the file's name, and decodes the rest of the image with gray or
 * smeared blocks, and OpenCV gives no way to learn that it did. This walks the marker stream and the entropy-coded
 * data of every scan of a Huffman-coded JPEG (baseline, extended and progressive: what cameras, OpenCV and web tools
 * write), reading every Huffman code of every block as libjpeg reads them, but no coefficient value, no inverse DCT
 * and no pixel. It finds:
 * <ul>
 *   <li>extraneous bytes before a marker, between segments or after a scan's data (libjpeg: "N extraneous bytes
 *       before marker 0xXX");</li>
 *   <li>a scan whose data ends before its last block (libjpeg: "premature end of data segment"), as in a file that
 *       was cut and given an end-of-image marker back;</li>
 *   <li>a code that is in none of the scan's Huffman tables (libjpeg: "bad Huffman code");</li>
 *   <li>a restart marker missing or out of turn (libjpeg: "found marker 0xXX instead of RSTn");</li>
 *   <li>scan parameters libjpeg warns about ("Invalid SOS parameters for sequential JPEG", "Inconsistent progression
 *       sequence ...").</li>
 * </ul>
 * libjpeg warns about the unused bytes at a scan's end only when it has not already read them ahead, which depends
 * on its buffering; this counts every whole unused byte, so it may refuse a file with such bytes that libjpeg
 * passes silently, never the reverse. Arithmetic-coded JPEGs (rare; SOF9 and up) get the marker checks only. What
 * makes libjpeg fail outright (a missing table, a scan of no known component) is left to it.
 */
final class JpegDataCheck {
    private static final int SOI = 0xD8;
    private static final int EOI = 0xD9;
    private static final int SOS = 0xDA;
    private static final int DHT = 0xC4;
    private static final int DRI = 0xDD;
    private static final int RST0 = 0xD0;

    private final HeaderBytes bytes;
    /** Huffman tables by class (0 DC, 1 AC) and number. */
    private final Huffman[][] tables = new Huffman[2][4];
    private int restartInterval;
    private Frame frame;
    /** For a progressive frame: per component, the bit position each coefficient has so far (-1: none yet). */
    private int[][] coefficientBits;
    /** For a progressive frame: per component and block, which coefficients are nonzero so far, one bit each. */
    private long[][] nonzero;

    private JpegDataCheck(HeaderBytes bytes) {
        this.bytes = bytes;
    }

    /**
     * What libjpeg would warn about first, in its words (e.g. "Corrupt JPEG data: premature end of data segment"),
     * or null when it would decode the file without a warning, or when the file has a problem of another kind (the
     * header check, or libjpeg itself, reports those).
     */
    static String problem(HeaderBytes bytes) {
        return new JpegDataCheck(bytes).walk();
    }

    private String walk() {
        int position = 2; // after SOI
        while (true) {
            Marker next = Marker.find(bytes, position);
            if (next == null) {
                return null; // no end-of-image marker: the header check reports a truncated file
            }
            if (next.discarded() > 0) {
                return extraneous(next);
            }
            position = next.after();
            int marker = next.code();
            if (marker == EOI) {
                return null;
            }
            if (marker == SOI || marker >= RST0 && marker < RST0 + 8 || marker == 0x01) {
                continue; // markers without a segment: libjpeg passes over them
            }
            if (!bytes.has(position, 2)) {
                return null;
            }
            int length = bytes.u16be(position);
            int start = position + 2;
            int end = position + length;
            if (length < 2 || !bytes.has(position, length)) {
                return null;
            }
            position = end;
            if (marker == SOS) {
                Scan scan = frame == null ? null : Scan.read(bytes, start, end, frame);
                if (scan == null) {
                    return null; // a scan before its frame, or of an unknown component: libjpeg fails on it
                }
                if (!frame.huffman()) {
                    position = Marker.afterEntropyData(bytes, end);
                    continue;
                }
                String problem = frame.progressive() ? progression(scan) : scan.sequential() ? null
                        : "Invalid SOS parameters for sequential JPEG";
                if (problem != null) {
                    return problem.isEmpty() ? null : problem;
                }
                EntropyDecoder decoder = new EntropyDecoder(bytes, end, scan, nonzero);
                problem = decoder.scan(tables, restartInterval);
                if (problem != null) {
                    return problem;
                }
                position = decoder.markerPosition();
            } else if (marker >= 0xC0 && marker <= 0xCF && marker != DHT && marker != 0xC8 && marker != 0xCC) {
                frame = Frame.read(bytes, start, end, marker);
                if (frame != null && frame.progressive()) {
                    coefficientBits = new int[frame.ids().length][64];
                    nonzero = new long[frame.ids().length][];
                    for (int c = 0; c < coefficientBits.length; c++) {
                        java.util.Arrays.fill(coefficientBits[c], -1);
                        nonzero[c] = new long[Math.toIntExact(frame.blocksWide(c) * frame.blocksHigh(c))];
                    }
                }
            } else if (marker == DHT && !Huffman.readTables(bytes, start, end, tables)) {
                return null; // a malformed table: libjpeg fails on it
            } else if (marker == DRI && length >= 4) {
                restartInterval = bytes.u16be(start);
            }
        }
    }

    /**
     * libjpeg's checks of a progressive scan's parameters against the scans before it: null when they pass, what
     * libjpeg warns about, or the empty string for parameters libjpeg refuses outright (its own error reports
     * those, and the scan's data cannot be walked).
     */
    private String progression(Scan scan) {
        int ss = scan.spectralStart();
        int se = scan.spectralEnd();
        int ah = scan.high();
        int al = scan.low();
        boolean bad = ss == 0 ? se != 0 : se < ss || se > 63 || scan.components().length != 1;
        if (bad || ah != 0 && al != ah - 1 || al > 13) {
            return "";
        }
        for (int component : scan.components()) {
            int[] bits = coefficientBits[component];
            if (ss != 0 && bits[0] < 0) {
                return "Inconsistent progression sequence for component " + component + " coefficient 0";
            }
            for (int k = ss; k <= se; k++) {
                if (ah != Math.max(bits[k], 0)) {
                    return "Inconsistent progression sequence for component " + component + " coefficient " + k;
                }
                bits[k] = al;
            }
        }
        return null;
    }

    private static String extraneous(Marker marker) {
        return "Corrupt JPEG data: " + marker.discarded() + " extraneous bytes before marker 0x"
                + Integer.toHexString(marker.code());
    }

    /**
     * A marker found the way libjpeg's {@code next_marker} finds one: bytes other than FF are discarded, and so
     * are FF 00 pairs; any run of FF bytes pads the marker.
     *
     * @param code the marker's second byte
     * @param after the index after the marker
     * @param discarded the bytes passed over before it
     */
    private record Marker(int code, int after, int discarded) {
        /** The next marker at or after {@code from}, or null when the data ends first. */
        static Marker find(HeaderBytes bytes, int from) {
            int position = from;
            int discarded = 0;
            while (true) {
                while (position < bytes.length && bytes.u8(position) != 0xFF) {
                    position++;
                    discarded++;
                }
                while (position < bytes.length && bytes.u8(position) == 0xFF) {
                    position++;
                }
                if (position >= bytes.length) {
                    return null;
                }
                int code = bytes.u8(position++);
                if (code != 0) {
                    return new Marker(code, position, discarded);
                }
                discarded += 2;
            }
        }

        /** The index of the first marker after entropy-coded data from {@code from}: not FF 00, not a restart. */
        static int afterEntropyData(HeaderBytes bytes, int from) {
            int position = from;
            while (position + 1 < bytes.length) {
                if (bytes.u8(position) == 0xFF) {
                    int code = bytes.u8(position + 1);
                    if (code != 0 && code != 0xFF && (code < RST0 || code >= RST0 + 8)) {
                        return position;
                    }
                }
                position++;
            }
            return bytes.length;
        }
    }

    /** A frame header (SOF): the coding, the image size and each component's sampling factors. */
    private record Frame(int marker, int width, int height, int[] ids, int[] horizontal, int[] vertical) {
        static Frame read(HeaderBytes bytes, int start, int end, int marker) {
            int count = bytes.u8(start + 5);
            if (count < 1 || end - start < 6 + 3 * count) {
                return null;
            }
            int[] ids = new int[count];
            int[] horizontal = new int[count];
            int[] vertical = new int[count];
            for (int c = 0; c < count; c++) {
                int at = start + 6 + 3 * c;
                ids[c] = bytes.u8(at);
                horizontal[c] = bytes.u8(at + 1) >> 4;
                vertical[c] = bytes.u8(at + 1) & 15;
                if (horizontal[c] < 1 || horizontal[c] > 4 || vertical[c] < 1 || vertical[c] > 4) {
                    return null; // libjpeg fails on it
                }
            }
            Frame frame = new Frame(marker, bytes.u16be(start + 3), bytes.u16be(start + 1), ids, horizontal,
                    vertical);
            return frame.width() > 0 && frame.height() > 0 ? frame : null;
        }

        /** Huffman-coded: baseline and extended sequential (SOF0, SOF1), progressive (SOF2). */
        boolean huffman() {
            return marker == 0xC0 || marker == 0xC1 || marker == 0xC2;
        }

        boolean progressive() {
            return marker == 0xC2;
        }

        int maxHorizontal() {
            int max = 1;
            for (int h : horizontal) {
                max = Math.max(max, h);
            }
            return max;
        }

        int maxVertical() {
            int max = 1;
            for (int v : vertical) {
                max = Math.max(max, v);
            }
            return max;
        }

        /** The blocks across component {@code c}: its width (scaled by its sampling) in blocks of 8. */
        long blocksWide(int c) {
            return ceil(ceil((long) width * horizontal[c], maxHorizontal()), 8);
        }

        long blocksHigh(int c) {
            return ceil(ceil((long) height * vertical[c], maxVertical()), 8);
        }

        static long ceil(long value, long divisor) {
            return (value + divisor - 1) / divisor;
        }
    }

    /**
     * A scan header (SOS): the frame's components it codes, with their tables, its spectral selection and its
     * successive approximation.
     *
     * @param components indices into the frame's components
     */
    private record Scan(Frame frame, int[] components, int[] dcTables, int[] acTables, int spectralStart,
            int spectralEnd, int high, int low) {
        static Scan read(HeaderBytes bytes, int start, int end, Frame frame) {
            int count = bytes.u8(start);
            if (count < 1 || count > 4 || end - start < 4 + 2 * count) {
                return null;
            }
            int[] components = new int[count];
            int[] dc = new int[count];
            int[] ac = new int[count];
            for (int i = 0; i < count; i++) {
                int id = bytes.u8(start + 1 + 2 * i);
                components[i] = -1;
                for (int c = 0; c < frame.ids().length; c++) {
                    if (frame.ids()[c] == id) {
                        components[i] = c;
                    }
                }
                if (components[i] < 0) {
                    return null;
                }
                dc[i] = bytes.u8(start + 2 + 2 * i) >> 4 & 3;
                ac[i] = bytes.u8(start + 2 + 2 * i) & 3;
            }
            int at = start + 1 + 2 * count;
            int approximation = bytes.u8(at + 2);
            return new Scan(frame, components, dc, ac, bytes.u8(at), bytes.u8(at + 1), approximation >> 4,
                    approximation & 15);
        }

        boolean sequential() {
            return spectralStart == 0 && spectralEnd == 63 && high == 0 && low == 0;
        }

        boolean interleaved() {
            return components.length > 1;
        }

        /** The scan's MCUs: of one block each when it codes one component, else of every component's h x v. */
        long mcus() {
            if (!interleaved()) {
                return frame.blocksWide(components[0]) * frame.blocksHigh(components[0]);
            }
            return Frame.ceil(frame.width(), 8L * frame.maxHorizontal())
                    * Frame.ceil(frame.height(), 8L * frame.maxVertical());
        }

        int blocks(int i) {
            return interleaved() ? frame.horizontal()[components[i]] * frame.vertical()[components[i]] : 1;
        }
    }

    /** A Huffman table: codes of up to 8 bits by lookup, longer ones in canonical order. */
    private static final class Huffman {
        /** Indexed by the next 8 bits: the code's length (high byte) and symbol (low), or 0 for a longer code. */
        private final int[] lookup = new int[256];
        private final int[] maxCode = new int[18];
        private final int[] offset = new int[17];
        private final int[] symbols;

        private Huffman(int[] counts, int[] symbols) {
            this.symbols = symbols;
            int code = 0;
            int index = 0;
            for (int length = 1; length <= 16; length++) {
                offset[length] = index - code;
                for (int i = 0; i < counts[length]; i++, code++, index++) {
                    if (length <= 8 && code < 1 << length) {
                        int first = code << (8 - length);
                        for (int fill = 0; fill < 1 << (8 - length); fill++) {
                            lookup[first + fill] = length << 8 | symbols[index];
                        }
                    }
                }
                maxCode[length] = counts[length] == 0 ? -1 : code - 1;
                code <<= 1;
            }
            maxCode[17] = Integer.MAX_VALUE;
        }

        /** Reads the tables of a DHT segment into {@code tables}; false if it is malformed. */
        static boolean readTables(HeaderBytes bytes, int start, int end, Huffman[][] tables) {
            int at = start;
            while (at < end) {
                if (at + 17 > end) {
                    return false;
                }
                int kind = bytes.u8(at) >> 4;
                int number = bytes.u8(at) & 15;
                int[] counts = new int[17];
                int total = 0;
                for (int length = 1; length <= 16; length++) {
                    counts[length] = bytes.u8(at + length);
                    total += counts[length];
                }
                if (kind > 1 || number > 3 || total > 256 || at + 17 + total > end) {
                    return false;
                }
                int[] symbols = new int[total];
                for (int i = 0; i < total; i++) {
                    symbols[i] = bytes.u8(at + 17 + i);
                }
                tables[kind][number] = new Huffman(counts, symbols);
                at += 17 + total;
            }
            return true;
        }
    }

    /** Reads a scan's entropy-coded data as libjpeg does, and stops at the first thing it warns about. */
    private static final class EntropyDecoder {
        private static final String PREMATURE = "Corrupt JPEG data: premature end of data segment";
        private static final String BAD_CODE = "Corrupt JPEG data: bad Huffman code";
        /** What {@link #decode} returns when the data ended first, and for a code in no table. */
        private static final int ENDED = -1;
        private static final int BAD = -2;

        private final HeaderBytes bytes;
        private final Scan scan;
        private final long[][] nonzero;
        private int position;
        private long buffer;
        private int bits;
        /** The marker that ended the data (FF 00 is data); nothing after it is read. */
        private Marker marker;
        /** Where the marker starts. */
        private int markerAt = -1;
        private int endOfBandRun;

        EntropyDecoder(HeaderBytes bytes, int start, Scan scan, long[][] nonzero) {
            this.bytes = bytes;
            this.position = start;
            this.scan = scan;
            this.nonzero = nonzero;
        }

        /** Where the marker after the scan starts, once {@link #scan} returned null. */
        int markerPosition() {
            return markerAt;
        }

        String scan(Huffman[][] tables, int restartInterval) {
            int count = scan.components().length;
            Huffman[] dc = new Huffman[count];
            Huffman[] ac = new Huffman[count];
            boolean needsDc = scan.spectralStart() == 0 && scan.high() == 0;
            boolean needsAc = scan.spectralEnd() > 0;
            for (int i = 0; i < count; i++) {
                dc[i] = tables[0][scan.dcTables()[i]];
                ac[i] = tables[1][scan.acTables()[i]];
                if (needsDc && dc[i] == null || needsAc && ac[i] == null) {
                    return null; // libjpeg fails: a table is missing
                }
            }
            long mcus = scan.mcus();
            int restart = 0;
            for (long mcu = 0; mcu < mcus; mcu++) {
                if (restartInterval > 0 && mcu > 0 && mcu % restartInterval == 0) {
                    String problem = restart(restart);
                    if (problem != null) {
                        return problem;
                    }
                    restart = (restart + 1) & 7;
                }
                for (int i = 0; i < count; i++) {
                    for (int block = scan.blocks(i); block > 0; block--) {
                        String problem = block(dc[i], ac[i], scan.components()[i], mcu);
                        if (problem != null) {
                            return problem;
                        }
                    }
                }
            }
            return end();
        }

        /** One block of the scan: in a non-interleaved scan the block numbered {@code mcu} of its component. */
        private String block(Huffman dc, Huffman ac, int component, long mcu) {
            if (scan.spectralStart() == 0) { // DC, and for a sequential scan AC too
                if (scan.high() > 0) {
                    return skip(1) ? null : PREMATURE; // a refinement bit
                }
                int size = decode(dc);
                if (size < 0) {
                    return size == ENDED ? PREMATURE : BAD_CODE;
                }
                if (!skip(size)) {
                    return PREMATURE;
                }
                return scan.spectralEnd() == 0 ? null : sequentialAc(ac);
            }
            long[] blocks = nonzero[component];
            return scan.high() == 0 ? firstAc(ac, blocks, (int) mcu) : refineAc(ac, blocks, (int) mcu);
        }

        private String sequentialAc(Huffman ac) {
            for (int k = 1; k < 64; k++) {
                int symbol = decode(ac);
                if (symbol < 0) {
                    return symbol == ENDED ? PREMATURE : BAD_CODE;
                }
                int run = symbol >> 4;
                int size = symbol & 15;
                if (size == 0) {
                    if (run != 15) {
                        break; // end of block
                    }
                    k += 15;
                } else {
                    k += run;
                    if (!skip(size)) {
                        return PREMATURE;
                    }
                }
            }
            return null;
        }

        /** A progressive scan's first pass over a band: coefficients, or a run of blocks that end at once. */
        private String firstAc(Huffman ac, long[] blocks, int block) {
            if (endOfBandRun > 0) {
                endOfBandRun--;
                return null;
            }
            for (int k = scan.spectralStart(); k <= scan.spectralEnd(); k++) {
                int symbol = decode(ac);
                if (symbol < 0) {
                    return symbol == ENDED ? PREMATURE : BAD_CODE;
                }
                int run = symbol >> 4;
                int size = symbol & 15;
                if (size != 0) {
                    k += run;
                    if (!skip(size)) {
                        return PREMATURE;
                    }
                    if (k < 64) {
                        blocks[block] |= 1L << k;
                    }
                } else if (run == 15) {
                    k += 15;
                } else {
                    String problem = endOfBands(run);
                    if (problem != null) {
                        return problem;
                    }
                    endOfBandRun--;
                    break;
                }
            }
            return null;
        }

        /**
         * A progressive scan's refinement of a band: a correction bit for every coefficient already nonzero, and
         * new coefficients of one bit, placed after as many zero ones as their run says (libjpeg's
         * {@code decode_mcu_AC_refine}).
         */
        private String refineAc(Huffman ac, long[] blocks, int block) {
            int k = scan.spectralStart();
            int end = scan.spectralEnd();
            if (endOfBandRun == 0) {
                for (; k <= end; k++) {
                    int symbol = decode(ac);
                    if (symbol < 0) {
                        return symbol == ENDED ? PREMATURE : BAD_CODE;
                    }
                    int run = symbol >> 4;
                    int size = symbol & 15;
                    if (size != 0) {
                        if (size != 1) {
                            return BAD_CODE;
                        }
                        if (!skip(1)) {
                            return PREMATURE;
                        }
                    } else if (run != 15) {
                        String problem = endOfBands(run);
                        if (problem != null) {
                            return problem;
                        }
                        break; // the rest of this block is in the run
                    }
                    do {
                        if ((blocks[block] & 1L << k) != 0) {
                            if (!skip(1)) {
                                return PREMATURE;
                            }
                        } else if (--run < 0) {
                            break;
                        }
                        k++;
                    } while (k <= end);
                    if (size != 0 && k <= end) {
                        blocks[block] |= 1L << k;
                    }
                }
            }
            if (endOfBandRun > 0) {
                for (; k <= end; k++) {
                    if ((blocks[block] & 1L << k) != 0 && !skip(1)) {
                        return PREMATURE;
                    }
                }
                endOfBandRun--;
            }
            return null;
        }

        /** An end-of-band run of {@code 2^r} blocks plus the next {@code r} bits, this one included. */
        private String endOfBands(int run) {
            endOfBandRun = 1 << run;
            if (run > 0) {
                if (!ensure(run)) {
                    return PREMATURE;
                }
                endOfBandRun += (int) (buffer >>> (bits - run)) & ((1 << run) - 1);
                bits -= run;
            }
            return null;
        }

        /** The next symbol; {@link #ENDED} when the data ended first, {@link #BAD} for a code in no table. */
        private int decode(Huffman table) {
            if (bits < 16) {
                fill();
            }
            if (bits >= 8) {
                int entry = table.lookup[(int) (buffer >>> (bits - 8)) & 0xFF];
                if (entry != 0) {
                    bits -= entry >> 8;
                    return entry & 0xFF;
                }
            }
            int code = 0;
            for (int length = 1; length <= 16; length++) {
                if (!ensure(1)) {
                    return ENDED;
                }
                bits--;
                code = code << 1 | (int) (buffer >>> bits) & 1;
                if (code <= table.maxCode[length]) {
                    int index = table.offset[length] + code;
                    return index >= 0 && index < table.symbols.length ? table.symbols[index] : BAD;
                }
            }
            return BAD;
        }

        private boolean skip(int count) {
            if (!ensure(count)) {
                return false;
            }
            bits -= count;
            return true;
        }

        /** Whether {@code count} bits (at most 57) are there, reading bytes until the marker if need be. */
        private boolean ensure(int count) {
            if (bits < count) {
                fill();
            }
            return bits >= count;
        }

        /** Reads bytes while the buffer has room: FF 00 is a data FF; FF and anything else is the ending marker. */
        private void fill() {
            while (bits <= 56 && marker == null && position < bytes.length) {
                int b = bytes.u8(position);
                if (b == 0xFF) {
                    int after = position + 1;
                    while (after < bytes.length && bytes.u8(after) == 0xFF) {
                        after++; // FF fill bytes may pad a marker
                    }
                    if (after >= bytes.length) {
                        return;
                    }
                    if (bytes.u8(after) != 0) {
                        marker = new Marker(bytes.u8(after), after + 1, 0);
                        markerAt = position;
                        return;
                    }
                    position = after + 1; // a stuffed FF
                } else {
                    position++;
                }
                buffer = buffer << 8 | b;
                bits += 8;
            }
        }

        /** Between restart intervals: the data must end here, at restart marker {@code number}. */
        private String restart(int number) {
            String problem = end();
            if (problem != null) {
                return problem;
            }
            if (marker.code() != RST0 + number) {
                return "Corrupt JPEG data: found marker 0x" + Integer.toHexString(marker.code()) + " instead of RST"
                        + number;
            }
            position = marker.after();
            marker = null;
            markerAt = -1;
            bits = 0;
            endOfBandRun = 0;
            return null;
        }

        /**
         * After an interval's last block: whole bytes left before the marker are extraneous, those read ahead and
         * those not; the bits left of the last byte are padding.
         */
        private String end() {
            int discarded = bits / 8;
            bits = 0;
            if (marker == null) {
                Marker next = Marker.find(bytes, position);
                if (next == null) {
                    return null; // the data ends without a marker: the header check reports a truncated file
                }
                discarded += next.discarded();
                marker = next;
                markerAt = next.after() - 2;
            }
            return discarded > 0 ? extraneous(new Marker(marker.code(), marker.after(), discarded)) : null;
        }
    }
}
