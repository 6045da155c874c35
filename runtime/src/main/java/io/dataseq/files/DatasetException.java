package io.dataseq.files;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A dataset on disk that cannot be used as it is: a CSV row that is malformed or names a file outside its root, a
 * class folder with no image. The message names the file and, for a CSV, the line, and says what to change.
 */
public class DatasetException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long line;

    /** A problem with {@code file} (may be null), at {@code line} (from 1; 0 when not about one line). */
    public DatasetException(String message, Path file, long line) {
        super(message);
        this.file = file;
        this.line = line;
    }

    /** A problem with {@code file} (may be null), at {@code line} (0 when not about one line), caused by {@code cause}. */
    public DatasetException(String message, Path file, long line, Throwable cause) {
        super(message, cause);
        this.file = file;
        this.line = line;
    }

    /** The file the problem is in (the CSV, the folder), or null. */
    public Path file() {
        return file;
    }

    /** The line of {@link #file()} the problem is on, from 1; 0 when it is not about one line. */
    public long line() {
        return line;
    }
}
