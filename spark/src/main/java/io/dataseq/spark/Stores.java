package io.dataseq.spark;

import java.io.IOException;
import java.net.URI;
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

    /** Whether {@code files} is this machine's own disk ({@code file://}). */
    static boolean isLocal(FileSystem files) {
        return "file".equals(files.getUri().getScheme());
    }
}
