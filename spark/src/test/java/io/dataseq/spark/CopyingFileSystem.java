package io.dataseq.spark;

import java.net.URI;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * This machine's disk under the scheme {@code copying://}: a file system that is not {@code file://}, so the writer
 * treats it as it treats HDFS or S3 (each chunk written on the executor's disk, then copied), on files the test can
 * read. Registered as {@code spark.hadoop.fs.copying.impl}.
 */
public class CopyingFileSystem extends RawLocalFileSystem {
    private static final URI NAME = URI.create("copying:///");

    @Override
    public URI getUri() {
        return NAME;
    }

    @Override
    public String getScheme() {
        return NAME.getScheme();
    }
}
