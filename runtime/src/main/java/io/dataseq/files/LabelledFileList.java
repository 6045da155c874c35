package io.dataseq.files;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What {@link ClassFolders}, {@link CsvLabels} and {@link PathLabelList} hold once listed: files under a root, each
 * with its class, and the class names. Only how they are listed differs (folders, a CSV, a path-label list), so the
 * lookups are written once here. Package-private: users see the public methods on the three classes.
 *
 * @param <L> the list's own type
 */
abstract class LabelledFileList<L extends LabelledFileList<L>> extends RootedFileList<L> implements LabelledFiles {
    /** The class of each record; package-private for {@link ClassFolders#classCounts()} and {@link #keeping}. */
    final int[] classes;
    private final List<String> classNames;

    /** Takes the lists as given: the subclass passes unmodifiable ones of equal length. */
    LabelledFileList(FileRoot root, List<Path> files, List<String> relativePaths, int[] classes,
            List<String> classNames) {
        super(root, files, relativePaths);
        this.classes = classes;
        this.classNames = classNames;
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

    /** The classes of {@code records}, for {@link #keeping}. */
    int[] classesOf(int[] records) {
        int[] picked = new int[records.length];
        for (int i = 0; i < records.length; i++) {
            picked[i] = classes[records[i]];
        }
        return picked;
    }
}
