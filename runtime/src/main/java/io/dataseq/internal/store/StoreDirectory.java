package io.dataseq.internal.store;

import io.dataseq.DataSeqException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * A cache directory: the published store in {@value #STORE}, stores being written in directories of their own named
 * {@code .writing-<random>}, and a lock file {@value #LOCK} held only while a store is published.
 *
 * <p>A store is published by renaming its whole directory, manifest included, to {@value #STORE}: a store is either
 * there whole or not at all, whatever crashes when. Any number of writers (threads or processes) may write at once,
 * each in its own directory; publishing is serialised by an in-process lock and an OS file lock on {@value #LOCK}
 * (the file lock alone would not exclude two threads of one process), and the first writer to publish a store of
 * the fingerprint the others want wins: they use its store and delete their own.
 */
final class StoreDirectory {
    static final String STORE = "store";
    static final String LOCK = ".lock";
    private static final String WRITING = ".writing-";
    private static final Map<Path, ReentrantLock> PUBLISHING = new ConcurrentHashMap<>();

    private final Path root;

    StoreDirectory(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The cache directory. */
    Path root() {
        return root;
    }

    /** Where the published store is. */
    Path store() {
        return root.resolve(STORE);
    }

    /** A new, empty directory for one writer's store. */
    Path newWriting() {
        try {
            Files.createDirectories(root);
            return Files.createDirectory(root.resolve(WRITING + UUID.randomUUID()));
        } catch (IOException e) {
            throw new DataSeqException("could not make a directory for a store in " + root + ": " + e, e);
        }
    }

    /**
     * Publishes the sealed store in {@code written} of {@code fingerprint}, unless a store of the same fingerprint
     * was published meanwhile (then {@code written} is deleted); a store of another fingerprint is replaced.
     */
    @SuppressWarnings("try") // the file lock is held for its effect alone
    void publish(Path written, String fingerprint) {
        ReentrantLock inProcess = PUBLISHING.computeIfAbsent(root, path -> new ReentrantLock());
        inProcess.lock();
        try (FileChannel lockFile = FileChannel.open(root.resolve(LOCK), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock ignored = lockFile.lock()) {
            Path store = store();
            if (Files.exists(store)) {
                if (fingerprint.equals(publishedFingerprint())) {
                    delete(written);
                    return;
                }
                Path stale = root.resolve(WRITING + "stale-" + UUID.randomUUID());
                Files.move(store, stale, StandardCopyOption.ATOMIC_MOVE);
                delete(stale);
            }
            Files.move(written, store, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException | DirectoryNotEmptyException e) {
            throw new DataSeqException("could not publish the store written in " + written + " as " + store()
                    + ": " + e, e);
        } catch (IOException e) {
            throw new DataSeqException("could not publish the store written in " + written + ": " + e, e);
        } finally {
            inProcess.unlock();
        }
    }

    /** The published store's fingerprint, or null when there is none, or it has no whole manifest. */
    String publishedFingerprint() {
        try {
            return Manifest.readFrom(store()).fingerprint();
        } catch (IOException e) {
            return null;
        }
    }

    /** Deletes a directory that a writer made, with what is in it; nothing when it is gone already. */
    static void delete(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (NoSuchFileException e) {
            // gone already
        } catch (IOException | UncheckedIOException e) {
            throw new DataSeqException("could not delete " + directory + ": " + e, e);
        }
    }
}
