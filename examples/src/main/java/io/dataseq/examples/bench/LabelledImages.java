package io.dataseq.examples.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A reader of JPEG files in class folders ({@code root/<class>/<file>.jpg}), in a stable order: the file of a record,
 * and the index of its folder among the sorted folder names. {@link LabelledImagesSequence} binds it with an
 * {@code @Image} declaration chosen at run time.
 */
public final class LabelledImages {
    private final List<Path> files;
    private final int[] labels;
    private final List<String> classes;

    /** Lists every {@code .jpg} under {@code root}'s class folders. */
    public LabelledImages(Path root) {
        try (Stream<Path> folders = Files.list(root)) {
            classes = folders.filter(Files::isDirectory).map(folder -> folder.getFileName().toString()).sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        files = new ArrayList<>();
        List<Integer> found = new ArrayList<>();
        for (int c = 0; c < classes.size(); c++) {
            try (Stream<Path> inFolder = Files.list(root.resolve(classes.get(c)))) {
                List<Path> jpegs = inFolder.filter(file -> file.toString().endsWith(".jpg")).sorted()
                        .collect(Collectors.toList());
                files.addAll(jpegs);
                for (int i = 0; i < jpegs.size(); i++) {
                    found.add(c);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        labels = found.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The number of files. */
    public int size() {
        return files.size();
    }

    /** The file of {@code record}. */
    public Path image(int record) {
        return files.get(record);
    }

    /** The class of {@code record}. */
    public int label(int record) {
        return labels[record];
    }

    /** The class folders' names, in index order. */
    public List<String> classes() {
        return classes;
    }

    /** Every file, in record order. */
    public List<Path> files() {
        return files;
    }
}
