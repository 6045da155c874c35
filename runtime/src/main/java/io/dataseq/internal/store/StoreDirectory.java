package io.dataseq.internal.store;

import io.dataseq.DataSeqException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A cache directory: the published store in {@value #STORE}, stores being written in directories of their own named
 * {@code .writing-<random>} (each with an owner file its writer keeps locked), and a lock file {@value #LOCK} held only
 * while a store is published. A writing directory whose owner file is not locked belongs to a writer that died, and
 * the next writer deletes it.
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
    private static final String OWNER = ".owner";
    private static final Duration ABANDONED_AFTER = Duration.ofMinutes(10);
    private static final System.Logger LOG = System.getLogger("io.dataseq.store");
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

    /**
     * A new directory for one writer's store, owned by this process until {@link Writing#release()}; first deletes
     * the directories of writers that died (a crash, a kill) before they published or deleted their own.
     */
    Writing newWriting() {
        try {
            Files.createDirectories(root);
            deleteAbandoned();
            Path directory = Files.createDirectory(root.resolve(WRITING + UUID.randomUUID()));
            FileChannel owner = FileChannel.open(directory.resolve(OWNER), StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
            try {
                return new Writing(directory, owner, owner.lock());
            } catch (IOException | RuntimeException e) {
                owner.close();
                throw e;
            }
        } catch (IOException e) {
            throw new DataSeqException("could not make a directory for a store in " + root + ": " + e, e);
        }
    }

    /**
     * A store being written: its directory, and the OS lock on its {@value #OWNER} file that says its writer is
     * alive. A process that dies loses its locks, so a later writer finds the directory unlocked and deletes it.
     */
    static final class Writing {
        private final Path directory;
        private final FileChannel owner;
        private final FileLock lock;

        private Writing(Path directory, FileChannel owner, FileLock lock) {
            this.directory = directory;
            this.owner = owner;
            this.lock = lock;
        }

        /** The directory. */
        Path directory() {
            return directory;
        }

        /** Lets go of the directory: unlocks and deletes its owner file (before it is published or deleted). */
        void release() {
            try {
                lock.release();
                owner.close();
                Files.deleteIfExists(directory.resolve(OWNER));
            } catch (IOException e) {
                throw new DataSeqException("could not let go of " + directory + ": " + e, e);
            }
        }
    }

    /**
     * Deletes the {@code .writing-} directories whose writer is gone: its owner file is not locked (by another
     * process, or by this one), or it has none and has not changed for {@link #ABANDONED_AFTER} (a directory that
     * another process has just made and not locked yet, or a store it is about to publish, is younger than that).
     */
    private void deleteAbandoned() throws IOException {
        List<Path> writings;
        try (Stream<Path> entries = Files.list(root)) {
            writings = entries.filter(entry -> entry.getFileName().toString().startsWith(WRITING))
                    .collect(Collectors.toList());
        }
        for (Path writing : writings) {
            if (abandoned(writing)) {
                LOG.log(System.Logger.Level.INFO, "deleting {0}: the store its writer began was never finished",
                        writing);
                delete(writing);
            }
        }
    }

    private static boolean abandoned(Path writing) {
        Path owner = writing.resolve(OWNER);
        try (FileChannel channel = FileChannel.open(owner, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return false; // another process holds it
            }
            lock.release();
            return true;
        } catch (OverlappingFileLockException e) {
            return false; // this process holds it
        } catch (NoSuchFileException e) {
            try {
                FileTime changed = Files.getLastModifiedTime(writing);
                return changed.toInstant().plus(ABANDONED_AFTER).isBefore(Instant.now());
            } catch (IOException gone) {
                return false;
            }
        } catch (IOException e) {
            return false;
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
