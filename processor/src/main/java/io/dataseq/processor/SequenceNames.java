package io.dataseq.processor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which reader each generated class name goes to, when several readers of one compilation would generate the same
 * class (two {@code name}s alike, or a {@code name} that is another reader's default name). One of them keeps it and
 * is generated; each of the others is told so, at its {@code name}, whatever order javac hands the readers over in:
 * <ul>
 *   <li>a name generated in an earlier round stays with its reader;</li>
 *   <li>else the reader whose default name it is keeps it: the others chose it;</li>
 *   <li>else the reader first by qualified name.</li>
 * </ul>
 * The choice involves several readers, which an isolating processor's output must not depend on; it never does here:
 * a reader keeps its name and its file's content alone, and a compilation with a duplicate name fails.
 */
final class SequenceNames {
    private static final Comparator<ReaderModel> PRECEDENCE = Comparator
            .comparing((ReaderModel model) -> !model.settings().name().isEmpty())
            .thenComparing(model -> model.type().getQualifiedName().toString());

    /** The qualified name of the reader each generated name went to, over every round. */
    private final Map<String, String> owners = new HashMap<>();

    /** Whether {@code qualifiedName} is a sequence that a reader kept, in this round or an earlier one. */
    boolean isGenerated(String qualifiedName) {
        return owners.containsKey(qualifiedName);
    }

    /**
     * The readers of {@code models} (free of errors, from one round) that keep their generated name, in the order
     * given; each of the others gets a {@code NAME_DUPLICATE} in {@code diagnostics}.
     */
    List<ReaderModel> claim(List<ReaderModel> models, List<Diagnostic> diagnostics) {
        Map<String, List<ReaderModel>> byName = new LinkedHashMap<>();
        for (ReaderModel model : models) {
            byName.computeIfAbsent(model.sequenceName().canonicalName(), name -> new ArrayList<>()).add(model);
        }
        List<ReaderModel> keep = new ArrayList<>();
        for (ReaderModel model : models) {
            String name = model.sequenceName().canonicalName();
            List<ReaderModel> rivals = byName.get(name);
            String earlier = owners.get(name);
            ReaderModel owner = rivals.stream().min(PRECEDENCE).orElseThrow();
            if (earlier == null && model == owner) {
                keep.add(model);
                continue;
            }
            String ownerName = earlier != null ? earlier : owner.readerDisplay();
            String why = earlier != null ? "generated in an earlier round"
                    : owner.settings().name().isEmpty() ? "its default name"
                    : "the first by qualified name";
            diagnostics.add(Diagnostic.of(Message.NAME_DUPLICATE, model.type(), model.annotation().mirror(),
                    model.annotation().written("name"), model.readerDisplay(), name, ownerName, why));
        }
        keep.forEach(model -> owners.put(model.sequenceName().canonicalName(),
                model.type().getQualifiedName().toString()));
        return keep;
    }
}
