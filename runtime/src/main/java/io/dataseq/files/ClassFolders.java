package io.dataseq.files;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Image files whose class is the folder they are in: {@code root/<class>/<file>}, as in torchvision's
 * {@code ImageFolder} and Keras's {@code image_dataset_from_directory}.
 *
 * <pre>{@code
 * ClassFolders digits = ClassFolders.under(Path.of("data/mnist-jpg"), "jpg");
 * digits.classNames();   // ["0", "1", ..., "9"]
 * digits.classOf(1234);  // 4: the record's file is data/mnist-jpg/4/img_....jpg
 * }</pre>
 *
 * <ul>
 *   <li><b>Classes</b> are the folders directly under the root, except hidden ones (name starting with
 *       {@code .}), in a stable order: names that are whole numbers first, by value ("2" before "10"), then the
 *       others by {@link String#compareTo}. Class {@code i} is {@code classNames().get(i)}: the index depends only
 *       on the set of class folders, never on the files in them or the order the disk lists them, so adding a
 *       file never renumbers a class. To fix the classes yourself (a validation folder that lacks a class must
 *       still number the others as training did), pass them: {@link #under(Path, List, String...)}.</li>
 *   <li><b>Files</b> are those of {@link ImageFiles#under} in each class folder, subfolders included (they belong
 *       to the class of the top folder they are in). Files directly in the root are not in any class and are left
 *       out, as torchvision and Keras do. Symbolic links are followed while they stay under the root; one that
 *       leads outside it or to nothing is an error.</li>
 *   <li><b>Records</b> are numbered class by class, in class order, and by relative path within a class.</li>
 * </ul>
 *
 * <p>Read a file with {@link #bytes} or {@link #open}, which check it is still a regular file under the root when
 * they open it; {@link #check()} checks every file before training. Immutable and thread-safe.
 */
public final class ClassFolders extends LabelledFileList<ClassFolders> {

    private ClassFolders(FileRoot root, List<String> classNames, List<Path> files, List<String> relativePaths,
            int[] classes) {
        super(root, files, relativePaths, classes, classNames);
    }

    /**
     * Lists the classes (the folders under {@code root}) and their files ending with one of {@code extensions}
     * ({@link ImageFiles#DEFAULT_EXTENSIONS} when none are given).
     *
     * @throws DatasetException when a class folder holds no such file (a folder that is not a class does not
     *     belong under the root), or when there is no class folder at all
     * @throws IOException when the root does not exist, or a folder cannot be read
     */
    public static ClassFolders under(Path root, String... extensions) throws IOException {
        Objects.requireNonNull(root, "root");
        List<String> suffixes = ImageFiles.suffixes(extensions);
        FileRoot rooted = FileRoot.of(root);
        List<String> folders = ClassNames.sorted(classFolders(root));
        if (folders.isEmpty()) {
            throw new DatasetException(root + " has no class folder: put each class's files in a folder named after"
                    + " the class, " + root.resolve("<class>").resolve("<file>"), root, 0);
        }
        return list(rooted, folders, suffixes, false);
    }

    /**
     * Lists the files of the given classes, numbered as given: {@code classNames.get(i)} is class {@code i}. A class
     * may have no folder or an empty one (it then has no records: a small validation set may lack a class); a folder
     * under {@code root} that is not one of them is an error (the model has no output for it).
     *
     * @throws DatasetException when {@code root} holds a folder that is not one of {@code classNames}
     * @throws IOException when the root does not exist, or a folder cannot be read
     */
    public static ClassFolders under(Path root, List<String> classNames, String... extensions) throws IOException {
        Objects.requireNonNull(root, "root");
        List<String> names = ClassNames.checked(Objects.requireNonNull(classNames, "classNames"));
        for (String name : names) {
            if (name.contains("/") || name.contains("\\") || name.equals(".") || name.equals("..")) {
                throw new IllegalArgumentException("class name \"" + name + "\" is not a folder name; a class"
                        + " folder lies directly under the root");
            }
        }
        List<String> suffixes = ImageFiles.suffixes(extensions);
        FileRoot rooted = FileRoot.of(root);
        for (String folder : ClassNames.sorted(classFolders(root))) {
            if (!names.contains(folder)) {
                throw new DatasetException("the folder " + root.resolve(folder) + " is not one of the class names "
                        + names + ": move it out of " + root + ", or add its name to the classes", root, 0);
            }
        }
        return list(rooted, names, suffixes, true);
    }

    private static ClassFolders list(FileRoot root, List<String> names, List<String> suffixes, boolean mayBeEmpty)
            throws IOException {
        List<String> relativePaths = new ArrayList<>();
        List<Integer> classes = new ArrayList<>();
        for (int c = 0; c < names.size(); c++) {
            Path folder = root.path().resolve(names.get(c));
            if (!Files.isDirectory(folder)) {
                continue; // only an explicit class may lack its folder
            }
            List<String> inFolder = ImageFiles.walk(root, folder, suffixes);
            if (inFolder.isEmpty() && !mayBeEmpty) {
                throw new DatasetException("the class folder " + folder + " holds no file ending in "
                        + String.join(", ", suffixes) + ": add its files, or move the folder out of " + root.path()
                        + " if it is not a class", folder, 0);
            }
            for (String relative : inFolder) {
                relativePaths.add(relative);
                classes.add(c);
            }
        }
        return new ClassFolders(root, names, relativePaths.stream().map(root::resolve).toList(),
                List.copyOf(relativePaths), classes.stream().mapToInt(Integer::intValue).toArray());
    }

    /** The names of the folders directly under {@code root}, hidden ones left out. */
    private static List<String> classFolders(Path root) throws IOException {
        List<String> folders = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path entry : entries) {
                if (Files.isDirectory(entry) && !ImageFiles.isHidden(entry)) {
                    folders.add(entry.getFileName().toString());
                }
            }
        }
        return folders;
    }

    /** The number of records of each class, in index order. */
    public int[] classCounts() {
        int[] counts = new int[classNames().size()];
        for (int c : classes) {
            counts[c]++;
        }
        return counts;
    }

    @Override
    ClassFolders self() {
        return this;
    }

    @Override
    ClassFolders keeping(int[] records) {
        return new ClassFolders(root, classNames(), filesOf(records), relativePathsOf(records), classesOf(records));
    }

    @Override
    public String toString() {
        return "ClassFolders[" + size() + " files in " + classNames().size() + " classes under " + root() + "]";
    }
}
