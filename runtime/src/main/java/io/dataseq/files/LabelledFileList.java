package io.dataseq.files;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What {@link ClassFolders} and {@link CsvLabels} hold once listed: files under a root, each with its path relative
 * to the root and its class, and the class names. Only how they are listed differs (folders, or a CSV), so the
 * lookups are written once here. Package-private: users see the public methods on the two classes.
 */
abstract class LabelledFileList implements LabelledFiles {
    private final Path root;
    private final List<Path> files;
    private final List<String> relativePaths;
    /** The class of each record; package-private for {@link ClassFolders#classCounts()}. */
    final int[] classes;
    private final List<String> classNames;

    /** Takes the lists as given: the subclass passes unmodifiable ones of equal length. */
    LabelledFileList(Path root, List<Path> files, List<String> relativePaths, int[] classes,
            List<String> classNames) {
        this.root = root;
        this.files = files;
        this.relativePaths = relativePaths;
        this.classes = classes;
        this.classNames = classNames;
    }

    /** The root folder, as given: the one the class folders are in, or the CSV's file names are relative to. */
    public Path root() {
        return root;
    }

    @Override
    public int size() {
        return files.size();
    }

    /** The file of {@code record}: the root resolved with its relative path, e.g. {@code root/7/img_3.jpg}. */
    @Override
    public Path file(int record) {
        return files.get(record);
    }

    /** The path of {@code record}'s file relative to the root, normalized, with {@code /}, e.g. {@code "7/img_3.jpg"}. */
    public String relativePath(int record) {
        return relativePaths.get(record);
    }

    @Override
    public int classOf(int record) {
        Objects.checkIndex(record, classes.length);
        return classes[record];
    }

    /** The class names in index order; unmodifiable. */
    @Override
    public List<String> classNames() {
        return classNames;
    }
}
