package io.dataseq.examples.training;

import io.dataseq.Position;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

/**
 * A training checkpoint: the model with its updater state ({@value #MODEL}, DL4J's {@link ModelSerializer}) and,
 * beside it, the training sequence's {@link Position} in its text form ({@value #POSITION}, e.g.
 * {@code seed=11 epoch=0 batch=5}), in one folder of a checkpoint directory.
 *
 * <p>Each checkpoint is written whole into a new folder, which is then renamed to its name (atomically), and only
 * then are the older ones deleted: a crash while saving leaves the previous checkpoint to resume from, never a
 * model without its position or a position beside another model.
 *
 * @param model the model, restored with its updater state, so that training goes on exactly where it stopped
 * @param position where the training sequence was: build the sequence with {@code resumeFrom(position)}
 */
public record Checkpoint(MultiLayerNetwork model, Position position) {
    /** The model's file in a checkpoint's folder. */
    public static final String MODEL = "model.zip";
    /** The position's file in a checkpoint's folder. */
    public static final String POSITION = "position.txt";
    /** The start of a checkpoint folder's name; the rest is its position, so names sort as positions do. */
    private static final String FOLDER = "checkpoint-";
    /** The start of the name of a folder being written. */
    private static final String PARTIAL = ".partial-";

    /**
     * Saves {@code model} and {@code position} in a new folder of {@code directory} (made if need be), then deletes
     * the older checkpoints there and any folder a crash left half written; returns the new folder.
     */
    public static Path save(MultiLayerNetwork model, Position position, Path directory) throws IOException {
        Files.createDirectories(directory);
        Path partial = Files.createTempDirectory(directory, PARTIAL);
        ModelSerializer.writeModel(model, partial.resolve(MODEL).toFile(), true);
        Files.writeString(partial.resolve(POSITION), position.toString());
        Path folder = directory.resolve(String.format(Locale.ROOT, "%sepoch-%010d-batch-%010d", FOLDER,
                position.epoch(), position.batch()));
        deleteFolder(folder); // the same position saved again
        Files.move(partial, folder, StandardCopyOption.ATOMIC_MOVE);
        for (Path older : folders(directory)) {
            if (!older.equals(folder)) {
                deleteFolder(older);
            }
        }
        return folder;
    }

    /** The latest checkpoint saved in {@code directory}; empty when there is none (or no such directory). */
    public static Optional<Checkpoint> latest(Path directory) throws IOException {
        Optional<Path> latest = folders(directory).stream()
                .filter(folder -> folder.getFileName().toString().startsWith(FOLDER))
                .max(Comparator.comparing(folder -> folder.getFileName().toString()));
        if (latest.isEmpty()) {
            return Optional.empty();
        }
        Path folder = latest.get();
        MultiLayerNetwork model = ModelSerializer.restoreMultiLayerNetwork(folder.resolve(MODEL).toFile(), true);
        return Optional.of(new Checkpoint(model, Position.parse(Files.readString(folder.resolve(POSITION)))));
    }

    /** The checkpoint folders and half-written ones in {@code directory}. */
    private static List<Path> folders(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.filter(entry -> entry.getFileName().toString().startsWith(FOLDER)
                    || entry.getFileName().toString().startsWith(PARTIAL)).toList();
        }
    }

    /** Deletes a checkpoint folder (its files, then itself), if there is one. */
    private static void deleteFolder(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return;
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> entries = Files.list(folder)) {
            entries.forEach(files::add);
        }
        for (Path file : files) {
            Files.delete(file);
        }
        Files.delete(folder);
    }
}
