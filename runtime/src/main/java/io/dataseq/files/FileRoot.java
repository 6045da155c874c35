package io.dataseq.files;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;

/**
 * The folder a list's files must stay in, and the one place that decides whether they do: when a list is made
 * (each name, each symbolic link met while walking a folder) and again each time a file is opened, so that neither
 * a name nor a link, then or later, reads a file outside it.
 *
 * <p>Opening is free of the race between checking a path and opening it: the file's real path is taken
 * ({@link Path#toRealPath}) and must lie under the root's real path, then the file is opened along that real path
 * one name at a time from the root, each folder and the file itself opened with {@code O_NOFOLLOW} relative to the
 * folder before it ({@code openat(2)}, through {@link SecureDirectoryStream}). A folder or file that became a
 * symbolic link after the real path was taken therefore fails the open instead of being followed. Where the file
 * system offers no {@link SecureDirectoryStream} (Windows), only the file itself is opened without following a link.
 */
final class FileRoot {
    private static final Set<OpenOption> READ_NO_LINK = Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);

    private final Path given;
    private final Path absolute;
    private final Path real;

    private FileRoot(Path given) throws IOException {
        this.given = given;
        this.absolute = given.toAbsolutePath().normalize();
        this.real = given.toRealPath();
    }

    /** The root {@code folder}, which must exist; its real path is taken now and is the root from then on. */
    static FileRoot of(Path folder) throws IOException {
        ImageFiles.checkFolder(folder);
        return new FileRoot(folder);
    }

    /** The root as given. */
    Path path() {
        return given;
    }

    /** The file a relative path (with {@code /}) names: the root as given, resolved with it. */
    Path resolve(String relative) {
        return given.resolve(relative);
    }

    /**
     * A file name written in a list, normalized and relative to the root with {@code /}; or why it is refused: an
     * absolute path (a drive letter included), a {@code ..} that climbs above the root, or a symbolic link on the way
     * that leads outside the root or to nothing. Links are checked on as much of the name as exists; a name that does
     * not exist (yet) is accepted, and is checked again when it is opened.
     */
    String relativeName(String name) throws Refused, IOException {
        Path written;
        try {
            written = absolute.getFileSystem().getPath(name);
        } catch (InvalidPathException e) {
            throw new Refused("is not a valid path: " + e.getReason());
        }
        if (written.isAbsolute() || written.getRoot() != null || hasDriveLetter(name)) {
            throw new Refused("is an absolute path; name files relative to the root " + absolute);
        }
        Path resolved = absolute.resolve(written).normalize();
        if (!resolved.startsWith(absolute)) {
            throw new Refused("leads outside the root " + absolute + " (through \"..\")");
        }
        if (resolved.equals(absolute)) {
            throw new Refused("names the root " + absolute + " itself, not a file in it");
        }
        String escape = escapeOf(resolved);
        if (escape != null) {
            throw new Refused(escape);
        }
        return ImageFiles.relative(absolute, resolved);
    }

    /**
     * Why {@code path} (absolute, normalized, under the root) leads outside the root or to nothing, judged on the
     * real path of as much of it as exists, or null when it does not: a link on the way may lead anywhere.
     */
    private String escapeOf(Path path) throws IOException {
        Path existing = path;
        while (!existing.equals(absolute) && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        Path realExisting;
        try {
            realExisting = existing.toRealPath(); // only existing itself can dangle: its folders were resolved
        } catch (NoSuchFileException e) {
            String link = existing.equals(path) ? "is a dangling symbolic link"
                    : "passes through a dangling symbolic link, " + absolute.relativize(existing) + ",";
            return link + " to " + danglingTarget(existing) + ", which does not exist";
        }
        if (!realExisting.startsWith(real)) {
            return "leads outside the root " + absolute + " through a symbolic link: " + absolute.relativize(existing)
                    + " is really " + realExisting;
        }
        return null;
    }

    /**
     * Checks a symbolic link met while listing a folder under the root: it must lead to something that exists,
     * under the root.
     */
    void checkLink(Path link) throws DatasetException {
        Path target;
        try {
            target = link.toRealPath();
        } catch (IOException e) {
            throw new DatasetException("the symbolic link " + link + " under " + given + " is dangling: it leads to "
                    + danglingTarget(link) + ", which does not exist; remove the link, or create what it leads to",
                    link, 0, e);
        }
        if (!target.startsWith(real)) {
            throw new DatasetException("the symbolic link " + link + " leads outside the root " + given + ": it is"
                    + " really " + target + "; files are read only under the root, so list the folder the link"
                    + " leads to, or copy the files under the root", link, 0);
        }
    }

    /**
     * Opens the file at {@code relative} (with {@code /}) for reading, after checking it is a regular file under the
     * root, without a race between the check and the open (see the class comment).
     *
     * @throws NoSuchFileException when the file does not exist
     * @throws Refused when it is a dangling link, leads outside the root, is not a regular file, or changed into a
     *     link while being opened
     * @throws IOException when it cannot be read
     */
    SeekableByteChannel open(String relative) throws IOException {
        Path file = absolute.resolve(relative);
        Path named = resolve(relative); // as the list names it, for messages
        Path realFile;
        try {
            realFile = file.toRealPath();
        } catch (NoSuchFileException e) {
            String escape = escapeOf(file);
            if (escape != null) {
                throw new Refused(named, escape, e);
            }
            NoSuchFileException missing = new NoSuchFileException(named.toString(), null, "does not exist");
            missing.initCause(e);
            throw missing;
        }
        if (!realFile.startsWith(real)) {
            throw new Refused(named, "leads outside the root " + absolute + " through a symbolic link: it is really "
                    + realFile + "; it was not opened", null);
        }
        if (realFile.equals(real)) {
            throw new Refused(named, "is the root folder, not a file", null);
        }
        return openWithoutLinks(named, realFile);
    }

    /**
     * Opens {@code realFile}, a path under the root's real path, one name at a time from the root without following
     * any link; {@code file} is the name to report. Package-private for the test that puts a link on the way.
     */
    SeekableByteChannel openWithoutLinks(Path file, Path realFile) throws IOException {
        Path inside = real.relativize(realFile);
        try (DirectoryStream<Path> top = Files.newDirectoryStream(real)) {
            if (top instanceof SecureDirectoryStream<Path> secure) {
                return openIn(secure, inside, 0, file);
            }
        }
        requireRegular(file, Files.readAttributes(realFile, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
        return Files.newByteChannel(realFile, READ_NO_LINK);
    }

    /** Opens name {@code index} of {@code inside} in {@code folder}: the file when it is the last, else a folder. */
    private static SeekableByteChannel openIn(SecureDirectoryStream<Path> folder, Path inside, int index, Path file)
            throws IOException {
        Path name = inside.getName(index);
        try {
            if (index == inside.getNameCount() - 1) {
                requireRegular(file, folder.getFileAttributeView(name, BasicFileAttributeView.class,
                        LinkOption.NOFOLLOW_LINKS).readAttributes());
                return folder.newByteChannel(name, READ_NO_LINK);
            }
            try (SecureDirectoryStream<Path> next = folder.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS)) {
                return openIn(next, inside, index + 1, file);
            }
        } catch (NoSuchFileException | AccessDeniedException e) {
            throw e;
        } catch (FileSystemException e) { // ELOOP, ENOTDIR: a name on the way is no longer what it was
            throw new Refused(file, "changed while it was opened: " + inside.subpath(0, index + 1) + " is no longer a"
                    + " plain " + (index == inside.getNameCount() - 1 ? "file" : "folder") + " (a symbolic link"
                    + " put in its place?); it was not read", e);
        }
    }

    /**
     * Only a regular file is opened: opening a named pipe (or a device) blocks until another process writes to it,
     * which may be never.
     */
    private static void requireRegular(Path file, BasicFileAttributes attributes) throws Refused {
        if (attributes.isSymbolicLink()) {
            throw new Refused(file, "changed while it was opened: it is now a symbolic link; it was not read", null);
        }
        if (attributes.isDirectory()) {
            throw new Refused(file, "is a folder, not a file", null);
        }
        if (!attributes.isRegularFile()) {
            throw new Refused(file, "is not a regular file (a named pipe, a socket or a device), so it is not"
                    + " opened: reading it could block for ever", null);
        }
    }

    /** Where a dangling link leads, for a message. */
    private static String danglingTarget(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return "a missing file";
        }
    }

    /** {@code C:}, {@code C:\...}: absolute on Windows, though a relative name elsewhere. */
    private static boolean hasDriveLetter(String name) {
        return name.length() >= 2 && name.charAt(1) == ':' && Character.isLetter(name.charAt(0));
    }

    /**
     * A file refused by the root: the problem, worded to follow the file's name ({@code "is a dangling symbolic
     * link ..."}), and, when thrown by {@link #open}, a {@link DatasetException} whose message is the file then the
     * problem.
     */
    static final class Refused extends DatasetException {
        private static final long serialVersionUID = 1L;

        private final String problem;

        /** A name refused while a list is read: the caller words the message. */
        Refused(String problem) {
            super(problem, null, 0);
            this.problem = problem;
        }

        /** A file refused when opened. */
        Refused(Path file, String problem, Throwable cause) {
            super(file + " " + problem, file, 0, cause);
            this.problem = problem;
        }

        /** What is wrong, worded to follow the file's name. */
        String problem() {
            return problem;
        }
    }
}
