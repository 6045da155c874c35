package io.dataseq.files;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The image files under a folder, in a stable order: what an unlabelled reader (for inference, or an autoencoder)
 * holds, and what {@link ClassFolders} lists each class with.
 *
 * <ul>
 *   <li><b>Which files:</b> regular files anywhere under the root whose name ends with one of the extensions,
 *       ignoring case ({@code "jpg"} finds {@code a.JPG}); {@link #DEFAULT_EXTENSIONS} when none are given.</li>
 *   <li><b>Hidden files are left out:</b> files and folders whose name starts with {@code .} ({@code .DS_Store},
 *       macOS's {@code ._img.jpg} resource forks, which end in {@code .jpg} but are not images,
 *       {@code .ipynb_checkpoints/}). The root itself may be hidden.</li>
 *   <li><b>Symbolic links are followed</b>, to files and to folders, while they stay under the root: a link that
 *       leads outside the root (by its real path), a dangling link whose name matches, and a link that leads back
 *       into a folder it is in are errors, not silently skipped or followed.</li>
 *   <li><b>Order:</b> by the path relative to the root, with {@code /} between names, compared as text
 *       ({@link String#compareTo}): the same on every operating system, file system and locale, whatever order
 *       the directory listing comes in. A folder's files are together.</li>
 * </ul>
 *
 * <p>Read a file with {@link #bytes} or {@link #open}, which check it is still a regular file under the root when
 * they open it. Immutable and thread-safe. The list is taken once: files added later are not seen, and
 * {@link #check()} finds files that went missing or are not images, before training.
 */
public final class ImageFiles extends RootedFileList<ImageFiles> {
    /** The extensions {@link #under(Path, String...)} uses when given none: jpg, jpeg, png, bmp. */
    public static final List<String> DEFAULT_EXTENSIONS = List.of("jpg", "jpeg", "png", "bmp");

    private ImageFiles(FileRoot root, List<Path> files, List<String> relativePaths) {
        super(root, files, relativePaths);
    }

    /**
     * Lists the files under {@code root} whose name ends with one of {@code extensions} (with or without the dot,
     * any case), or with one of {@link #DEFAULT_EXTENSIONS} when none are given.
     *
     * @throws NoSuchFileException when {@code root} does not exist
     * @throws NotDirectoryException when {@code root} is not a folder
     * @throws DatasetException when a symbolic link leads outside the root, to nothing, or back into a folder above
     *     it
     * @throws IOException when a folder cannot be read
     */
    public static ImageFiles under(Path root, String... extensions) throws IOException {
        Objects.requireNonNull(root, "root");
        List<String> suffixes = suffixes(extensions);
        FileRoot rooted = FileRoot.of(root);
        List<String> relativePaths = List.copyOf(walk(rooted, root, suffixes));
        return new ImageFiles(rooted, relativePaths.stream().map(rooted::resolve).toList(), relativePaths);
    }

    /**
     * The paths relative to {@code root}, with {@code /}, of the matching files under {@code folder} (the root, or a
     * folder in it), sorted; each symbolic link met on the way is checked against the root.
     */
    static List<String> walk(FileRoot root, Path folder, List<String> suffixes) throws IOException {
        List<String> listed = new ArrayList<>();
        try {
            Files.walkFileTree(folder, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult preVisitDirectory(Path entry, BasicFileAttributes attributes)
                                throws IOException {
                            if (!entry.equals(folder) && isHidden(entry)) {
                                return FileVisitResult.SKIP_SUBTREE;
                            }
                            if (Files.isSymbolicLink(entry)) {
                                root.checkLink(entry);
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
                                throws IOException {
                            if (isHidden(file) || !matches(file, suffixes)) {
                                return FileVisitResult.CONTINUE;
                            }
                            // A link the walk could not follow comes with its own attributes: it dangles.
                            if (attributes.isSymbolicLink() || Files.isSymbolicLink(file)) {
                                root.checkLink(file);
                            }
                            if (attributes.isRegularFile()) {
                                listed.add(relative(root.path(), file));
                            }
                            return FileVisitResult.CONTINUE;
                        }
                    });
        } catch (FileSystemLoopException e) {
            throw new DatasetException("the symbolic link " + e.getFile() + " under " + root.path() + " leads back"
                    + " into a folder that contains it; remove the link, or list a folder without it", root.path(),
                    0, e);
        }
        listed.sort(String::compareTo);
        return listed;
    }

    /** Every file, in order; unmodifiable. */
    public List<Path> files() {
        return files;
    }

    /** Every relative path, in order; unmodifiable. */
    public List<String> relativePaths() {
        return relativePaths;
    }

    @Override
    public String toString() {
        return "ImageFiles[" + size() + " files under " + root() + "]";
    }

    @Override
    ImageFiles self() {
        return this;
    }

    @Override
    ImageFiles keeping(int[] records) {
        return new ImageFiles(root, filesOf(records), relativePathsOf(records));
    }

    /** {@code ".jpg"}-style lower-case suffixes of the extensions, checked. */
    static List<String> suffixes(String... extensions) {
        Objects.requireNonNull(extensions, "extensions");
        List<String> given = extensions.length == 0 ? DEFAULT_EXTENSIONS : Arrays.asList(extensions);
        List<String> suffixes = new ArrayList<>();
        for (String extension : given) {
            if (extension == null) {
                throw new IllegalArgumentException("an extension is null in " + given);
            }
            String bare = extension.startsWith(".") ? extension.substring(1) : extension;
            if (bare.isBlank() || bare.contains("/") || bare.contains("\\")) {
                throw new IllegalArgumentException("\"" + extension + "\" is not a file extension; give one like"
                        + " \"jpg\" or \".png\"");
            }
            suffixes.add("." + bare.toLowerCase(Locale.ROOT));
        }
        return List.copyOf(suffixes);
    }

    static boolean matches(Path file, List<String> suffixes) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        for (String suffix : suffixes) {
            if (name.endsWith(suffix)) {
                return true;
            }
        }
        return false;
    }

    static boolean isHidden(Path path) {
        Path name = path.getFileName();
        return name != null && name.toString().startsWith(".");
    }

    /** {@code file} relative to {@code root}, its names joined by {@code /} whatever the platform's separator. */
    static String relative(Path root, Path file) {
        StringBuilder joined = new StringBuilder();
        for (Path name : root.relativize(file)) {
            if (joined.length() > 0) {
                joined.append('/');
            }
            joined.append(name);
        }
        return joined.toString();
    }

    static void checkFolder(Path root) throws IOException {
        if (!Files.exists(root)) {
            throw new NoSuchFileException(root.toString(), null, "the folder to list does not exist");
        }
        if (!Files.isDirectory(root)) {
            throw new NotDirectoryException(root.toString());
        }
    }
}
