package io.dataseq.stream;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Turns a descriptor into bytes and back, for a recording kept on disk ({@code StreamingBuilder.spillTo}).
 * {@link #read} must give back a descriptor the reader's methods treat exactly like the one {@link #write} was given
 * (for the batches to be the same as with the recording on the heap). Each descriptor is written and read on its
 * own: a codec need not write a length, nor know where the descriptor sits in the file.
 *
 * <p>{@code write} is called under the sequence's pull lock, one descriptor at a time; {@code read} is called by
 * several workers at once, so a codec must be stateless (or thread-safe). An exception from either reaches
 * {@code next()} naming the descriptor's position and the file.
 *
 * @param <D> the descriptor type
 */
public interface DescriptorCodec<D> {

    /** Writes {@code descriptor} (never null). */
    void write(D descriptor, DataOutput out) throws IOException;

    /** Reads back a descriptor written by {@link #write}; never null. */
    D read(DataInput in) throws IOException;

    /** Strings as UTF-8 bytes, of any length (unlike {@link DataOutput#writeUTF}, which stops at 64 KB). */
    static DescriptorCodec<String> utf8() {
        return Utf8Codecs.STRINGS;
    }

    /** Paths as the UTF-8 bytes of {@link Path#toString()}, read back with {@link Path#of(String, String...)}. */
    static DescriptorCodec<Path> paths() {
        return Utf8Codecs.PATHS;
    }
}
