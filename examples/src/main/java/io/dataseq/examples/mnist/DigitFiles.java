package io.dataseq.examples.mnist;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.IntPredicate;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/** Reads the digits' labels CSV ({@code image_name,label}) and splits it into training and held-out files. */
public final class DigitFiles {
    private DigitFiles() {}

    /** The files and digits listed in {@code labelsCsv}; image names are relative to {@code root}. */
    public static List<LabelledFile> fromCsv(Path root, Path labelsCsv) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        List<LabelledFile> files = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(labelsCsv, StandardCharsets.UTF_8)) {
            for (CSVRecord row : format.parse(in)) {
                Path file = root.resolve(row.get("image_name")).normalize();
                files.add(new LabelledFile(file, Integer.parseInt(row.get("label").trim())));
            }
        }
        return files;
    }

    /** The files whose digit passes {@code keep}, in their original order. */
    public static List<LabelledFile> only(List<LabelledFile> files, IntPredicate keep) {
        return files.stream().filter(file -> keep.test(file.digit())).toList();
    }

    /**
     * A seeded split: {@code trainFraction} of the files (shuffled by {@code seed}) for training, the rest held out.
     */
    public static Split split(List<LabelledFile> files, double trainFraction, long seed) {
        List<LabelledFile> shuffled = new ArrayList<>(files);
        Collections.shuffle(shuffled, new Random(seed));
        int train = (int) Math.round(shuffled.size() * trainFraction);
        return new Split(List.copyOf(shuffled.subList(0, train)),
                List.copyOf(shuffled.subList(train, shuffled.size())));
    }

    /**
     * Training and held-out files, disjoint.
     *
     * @param train the files to train on
     * @param test the files to evaluate on
     */
    public record Split(List<LabelledFile> train, List<LabelledFile> test) {}
}
