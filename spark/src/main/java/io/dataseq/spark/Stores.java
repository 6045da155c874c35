package io.dataseq.spark;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/** Opening the file system a store lives on. */
final class Stores {
    private Stores() {}

    /**
     * A file system of its own (not Hadoop's shared, cached one: the caller closes it) for {@code uri}, that writes
     * no {@code .crc} file beside each file on a local disk: a store holds its chunks and manifest and nothing else,
     * as one written by {@code writeStore} does, and its chunks carry their own CRC32C.
     */
    static FileSystem open(URI uri, Configuration configuration) throws IOException {
        FileSystem files = FileSystem.newInstance(uri, configuration);
        files.setWriteChecksum(false);
        files.setVerifyChecksum(false);
        return files;
    }

    /** Deletes a directory of this machine's disk with what is in it; nothing when it is gone. */
    static void deleteLocal(java.nio.file.Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<java.nio.file.Path> paths = Files.walk(directory)) {
            for (java.nio.file.Path path : (Iterable<java.nio.file.Path>) paths.sorted(Comparator.reverseOrder())
                    ::iterator) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** Whether {@code files} is this machine's own disk ({@code file://}). */
    static boolean isLocal(FileSystem files) {
        return "file".equals(files.getUri().getScheme());
    }
}
