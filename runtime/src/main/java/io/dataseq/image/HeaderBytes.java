package io.dataseq.image;

import java.nio.ByteBuffer;

/**
 * Bounds-checked unsigned reads over the first {@code length} bytes of a buffer, for the header parsers: a read
 * past the end gives 0 (or false, or -1) rather than throwing, and every parser checks the length it needs before
 * it trusts a field. Absolute reads only: the buffer's position is never moved.
 */
final class HeaderBytes {
    private final ByteBuffer data;
    final int length;

    HeaderBytes(ByteBuffer data, int length) {
        this.data = data;
        this.length = length;
    }

    /** Whether {@code count} bytes from {@code index} lie inside the data; safe for any {@code long}. */
    boolean has(long index, long count) {
        return index >= 0 && count >= 0 && index <= length - count;
    }

    int u8(int index) {
        return has(index, 1) ? data.get(index) & 0xFF : 0;
    }

    int u16be(int index) {
        return index + 2 <= length ? u8(index) << 8 | u8(index + 1) : 0;
    }

    int u16(int index, boolean little) {
        if (!has(index, 2)) {
            return 0;
        }
        return little ? u8(index) | u8(index + 1) << 8 : u16be(index);
    }

    long u24(int index, boolean little) {
        return unsigned(index, 3, little);
    }

    long u32(int index, boolean little) {
        return unsigned(index, 4, little);
    }

    /** An unsigned 64-bit value, or {@link Long#MAX_VALUE} when it does not fit in a {@code long}. */
    long u64(int index, boolean little) {
        if (!has(index, 8)) {
            return 0;
        }
        int high = little ? index + 7 : index;
        return (u8(high) & 0x80) != 0 ? Long.MAX_VALUE : unsigned(index, 8, little);
    }

    private long unsigned(int index, int bytes, boolean little) {
        if (!has(index, bytes)) {
            return 0;
        }
        long value = 0;
        for (int i = 0; i < bytes; i++) {
            value = value << 8 | u8(little ? index + bytes - 1 - i : index + i);
        }
        return value;
    }

    boolean matches(int index, int... expected) {
        if (!has(index, expected.length)) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (u8(index + i) != expected[i]) {
                return false;
            }
        }
        return true;
    }

    /** Whether the ASCII text {@code expected} starts at {@code index}. */
    boolean matches(int index, String expected) {
        return matches(index, expected.chars().toArray());
    }

    /** The first index at or after {@code from} where {@code pattern} starts, or -1. */
    int indexOf(String pattern, int from) {
        int[] bytes = pattern.chars().toArray();
        for (int i = Math.max(from, 0); i <= length - bytes.length; i++) {
            if (matches(i, bytes)) {
                return i;
            }
        }
        return -1;
    }

    /** The last index at or after {@code from} where {@code pattern} starts, or -1; searches from the end. */
    int lastIndexOf(int[] pattern, int from) {
        for (int i = length - pattern.length; i >= Math.max(from, 0); i--) {
            if (matches(i, pattern)) {
                return i;
            }
        }
        return -1;
    }
}
