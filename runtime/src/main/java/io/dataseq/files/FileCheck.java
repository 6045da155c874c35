package io.dataseq.files;

import io.dataseq.image.ImageHeaders;
import io.dataseq.progress.ProgressListener;
import io.dataseq.timing.Stage;
import io.dataseq.timing.StageTimings;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What a list's {@code check()} found: every file that cannot be used, and why. Strict, the list or an exception
 * naming every bad file:
 *
 * <pre>{@code
 * CsvLabels labels = CsvLabels.read(root, csv, "image_name", "label").check(ProgressListener.console()).throwIfBad();
 * }</pre>
 *
 * <p>Lenient, the list without them (their classes keep their numbers, so a model's outputs still mean the same):
 *
 * <pre>{@code
 * FileCheck<CsvLabels> check = CsvLabels.read(root, csv, "image_name", "label").check();
 * check.badFiles().forEach(bad -> System.err.println("left out: " + bad));
 * CsvLabels labels = check.withoutBadFiles();
 * }</pre>
 *
 * <p>Immutable and thread-safe. The files were checked when {@code check()} ran: one that changes later is checked
 * again when it is read.
 *
 * @param <L> the kind of list checked: {@link ImageFiles}, {@link ClassFolders}, {@link CsvLabels} or
 *     {@link PathLabelList}
 */
public final class FileCheck<L> {
    /** The most bad files {@link #throwIfBad()}'s message lists; {@link #badFiles()} has them all. */
    private static final int LISTED_IN_MESSAGE = 100;

    private final L list;
    private final Function<int[], L> keeping;
    private final Path source;
    private final int checked;
    private final List<BadFile> badFiles;

    private FileCheck(L list, Function<int[], L> keeping, Path source, int checked, List<BadFile> badFiles) {
        this.list = list;
        this.keeping = keeping;
        this.source = source;
        this.checked = checked;
        this.badFiles = badFiles;
    }

    /** Checks every file of {@code list} in order, telling {@code progress}. */
    static <L extends RootedFileList<L>> FileCheck<L> of(L list, ProgressListener progress) {
        long start = System.nanoTime();
        progress.epochStarted(0, list.size());
        List<BadFile> bad = new ArrayList<>();
        HeaderReader reader = new HeaderReader();
        for (int record = 0; record < list.size(); record++) {
            String problem = reader.problemOf(list, record);
            if (problem != null) {
                bad.add(new BadFile(record, list.file(record), list.lineOf(record), problem));
            }
            progress.batchDelivered(1);
        }
        long elapsed = System.nanoTime() - start;
        long[] stages = new long[Stage.values().length];
        stages[Stage.READ.ordinal()] = elapsed;
        progress.epochEnded(new StageTimings(0, list.size(), 0, stages, 0, elapsed));
        return new FileCheck<>(list, list::keeping, list.source(), list.size(), List.copyOf(bad));
    }

    /** The number of files checked: every file of the list. */
    public int checked() {
        return checked;
    }

    /** The files that cannot be used, in record order; empty when every file passed. Unmodifiable. */
    public List<BadFile> badFiles() {
        return badFiles;
    }

    /**
     * The list checked, when every file passed.
     *
     * @throws DatasetException naming the list and each bad file with why (the first 100 in its message, then
     *     how many more)
     */
    public L throwIfBad() throws DatasetException {
        if (badFiles.isEmpty()) {
            return list;
        }
        StringBuilder message = new StringBuilder().append(source).append(": ").append(badFiles.size())
                .append(" of ").append(checked).append(" files cannot be used:");
        for (BadFile bad : badFiles.subList(0, Math.min(badFiles.size(), LISTED_IN_MESSAGE))) {
            message.append("\n  ").append(bad);
        }
        if (badFiles.size() > LISTED_IN_MESSAGE) {
            message.append("\n  ... and ").append(badFiles.size() - LISTED_IN_MESSAGE).append(" more");
        }
        message.append("\nFix or remove them, or go on without them: check().withoutBadFiles()");
        throw new DatasetException(message.toString(), source, 0);
    }

    /**
     * The list without the bad files: the same kind of list, the good files in their order, renumbered from 0, each
     * with its class (numbered as before, even a class left with no file) and line. The list itself when every file
     * passed.
     */
    public L withoutBadFiles() {
        if (badFiles.isEmpty()) {
            return list;
        }
        int[] good = new int[checked - badFiles.size()];
        int next = 0;
        int bad = 0;
        for (int record = 0; record < checked; record++) {
            if (bad < badFiles.size() && badFiles.get(bad).record() == record) {
                bad++;
            } else {
                good[next++] = record;
            }
        }
        return keeping.apply(good);
    }

    @Override
    public String toString() {
        return "FileCheck[" + badFiles.size() + " of " + checked + " files bad, " + source + "]";
    }

    /** Reads each file whole into one buffer, grown as needed, and checks it as {@code ImageHeaders} does. */
    private static final class HeaderReader {
        private ByteBuffer buffer = ByteBuffer.allocate(64 << 10);

        /** Why {@code record}'s file cannot be used, worded to follow its name, or null when it can. */
        String problemOf(RootedFileList<?> list, int record) {
            try (SeekableByteChannel channel = list.open(record)) {
                int size = list.checkedSize(record, channel.size());
                if (buffer.capacity() < size) {
                    buffer = ByteBuffer.allocate(size);
                }
                buffer.clear().limit(size);
                RootedFileList.readFully(channel, buffer);
                return ImageHeaders.problem(buffer, buffer.position());
            } catch (FileRoot.Refused e) {
                return e.problem();
            } catch (NoSuchFileException e) {
                return "does not exist";
            } catch (AccessDeniedException e) {
                return "cannot be read: access denied";
            } catch (IOException e) {
                return "cannot be read: " + e.getMessage();
            }
        }
    }

    /**
     * A file that cannot be used.
     *
     * @param record the record whose file it is, in the list checked
     * @param file the file, as the list names it
     * @param line the line of the list file (a CSV, a path-label list) that names it, from 1; 0 for a folder's list
     * @param problem why, worded to follow the file's name: {@code "does not exist"}, {@code "is a truncated JPEG:
     *     ..."}, {@code "leads outside the root ..."}
     */
    public record BadFile(int record, Path file, long line, String problem) {
        /** {@code "line 5: data/7/img_3.jpg does not exist"}, or without the line for a folder's list. */
        @Override
        public String toString() {
            return (line > 0 ? "line " + line + ": " : "") + file + " " + problem;
        }
    }
}
