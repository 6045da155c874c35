package io.dataseq.processor;

import io.dataseq.processor.ReaderPart.Effect;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import javax.tools.Diagnostic.Kind;

/**
 * Draws readers for {@link MalformedReaderFuzzTest}: each a combination of mistakes (from {@link ReaderParts} and
 * {@link ReaderKind}) among right parts, with what compiling it must give. Case {@code i} of seed {@code s} is always
 * the same reader, so a failing case can be replayed alone.
 */
final class MalformedReaders {
    private static final String IMPORTS = """
            import io.dataseq.RecordContext;
            import io.dataseq.annotation.DataSequence;
            import io.dataseq.annotation.Describe;
            import io.dataseq.annotation.ErrorPolicy;
            import io.dataseq.annotation.Features;
            import io.dataseq.annotation.Image;
            import io.dataseq.annotation.Label;
            import io.dataseq.annotation.Size;
            import java.util.List;
            import org.nd4j.linalg.api.ndarray.INDArray;
            """;

    /** The parts of a reader a case may get wrong, each drawn from its own list. */
    private enum Slot { KIND, SETTINGS, FIELDS, SIZE, FEATURES, LABEL, DESCRIBE, EXTRAS }

    private static final Map<Slot, List<ReaderPart>> PARTS = Map.of(
            Slot.SETTINGS, ReaderParts.SETTINGS,
            Slot.FIELDS, ReaderParts.FIELDS,
            Slot.SIZE, ReaderParts.SIZE,
            Slot.FEATURES, ReaderParts.FEATURES,
            Slot.LABEL, ReaderParts.LABEL,
            Slot.DESCRIBE, ReaderParts.DESCRIBE,
            Slot.EXTRAS, ReaderParts.EXTRAS);

    /**
     * One drawn reader and what compiling it must give.
     *
     * @param packageName the case's own package, so that cases can share a compilation
     * @param messages the DataSeq messages due in its files, sorted, each as often as it is due
     * @param javacError whether javac must report an error of its own
     * @param generated the qualified name of the sequence due, or null when none is
     * @param alone whether it must be compiled alone: its javac error would stop the processing of the whole
     *     compilation, or is found only when javac attributes method bodies, which it skips once another case of
     *     the compilation has an error
     * @param readsTrees whether DataSeq finds its mistake in javac's source trees (a local class): it is then
     *     compiled alone, in an environment that is not wrapped
     */
    record Case(int index, String description, String packageName, String fileName, String source,
            List<Message> messages, boolean javacError, String generated, boolean alone, boolean readsTrees) {

        /** Whether it has no error: it belongs in the compilation that proves the generated code compiles. */
        boolean isClean() {
            return !javacError && messages.stream().noneMatch(message -> message.kind() == Kind.ERROR);
        }
    }

    /** One mistake a case can make: a kind of reader, or a part of a slot. */
    private record Mistake(Slot slot, ReaderKind kind, ReaderPart part) {}

    /** Every mistake, once: the first cases make one each, then cases draw them at random. */
    private static final List<Mistake> MISTAKES = mistakes();

    private MalformedReaders() {}

    /**
     * Case {@code index} of {@code seed}. The first {@code MISTAKES.size()} cases each make one mistake of the list,
     * among right parts, so that every mistake is seen alone; the others make 0 to 3, each slot getting one at most,
     * drawn so that every mistake is about as likely as any other.
     */
    static Case draw(long seed, int index) {
        Random random = new Random(seed * 1_000_003L + index);
        Mistake forced = index < MISTAKES.size() ? MISTAKES.get(index) : null;
        Set<Slot> wrong = EnumSet.noneOf(Slot.class);
        if (forced != null) {
            wrong.add(forced.slot());
        } else {
            int count = new int[] {0, 1, 1, 1, 2, 2, 3}[random.nextInt(7)];
            while (wrong.size() < count) {
                wrong.add(MISTAKES.get(random.nextInt(MISTAKES.size())).slot());
            }
        }
        List<ReaderKind> kinds = List.of(ReaderKind.values()).stream()
                .filter(kind -> kind.isMistake() == wrong.contains(Slot.KIND))
                .filter(kind -> forced == null || forced.part() == null || forced.part().fits().test(kind))
                .collect(Collectors.toList());
        if (kinds.isEmpty()) {
            // A mistake only a kind that is itself a mistake can make (a streaming reader declared distributed).
            kinds = List.of(ReaderKind.values()).stream().filter(kind -> forced.part().fits().test(kind))
                    .collect(Collectors.toList());
        }
        ReaderKind kind = forced != null && forced.kind() != null
                ? forced.kind()
                : kinds.get(random.nextInt(kinds.size()));

        ReaderPart settings = part(Slot.SETTINGS, kind, wrong, forced, random);
        List<ReaderPart> members = new ArrayList<>();
        if (!kind.hasFixedMembers()) {
            for (Slot slot : List.of(Slot.FIELDS, Slot.SIZE, Slot.FEATURES, Slot.LABEL, Slot.DESCRIBE)) {
                members.add(part(slot, kind, wrong, forced, random));
            }
            if (wrong.contains(Slot.EXTRAS) || random.nextBoolean()) {
                members.add(part(Slot.EXTRAS, kind, wrong, forced, random));
            }
        }
        return assemble(index, kind, settings, members);
    }

    private static ReaderPart part(Slot slot, ReaderKind kind, Set<Slot> wrong, Mistake forced, Random random) {
        if (forced != null && forced.slot() == slot) {
            return forced.part();
        }
        return pick(PARTS.get(slot), kind, wrong.contains(slot), random);
    }

    private static List<Mistake> mistakes() {
        List<Mistake> mistakes = new ArrayList<>();
        for (ReaderKind kind : ReaderKind.values()) {
            if (kind.isMistake()) {
                mistakes.add(new Mistake(Slot.KIND, kind, null));
            }
        }
        for (Slot slot : Slot.values()) {
            for (ReaderPart part : PARTS.getOrDefault(slot, List.of())) {
                if (part.isMistake()) {
                    mistakes.add(new Mistake(slot, null, part));
                }
            }
        }
        return List.copyOf(mistakes);
    }

    /** A part of {@code parts} that fits {@code kind}: a mistake if {@code wrong} and one fits, else a right one. */
    private static ReaderPart pick(List<ReaderPart> parts, ReaderKind kind, boolean wrong, Random random) {
        List<ReaderPart> fitting = parts.stream()
                .filter(part -> part.fits().test(kind) && part.isMistake() == wrong)
                .collect(Collectors.toList());
        if (fitting.isEmpty()) {
            return pick(parts, kind, false, random);
        }
        return fitting.get(random.nextInt(fitting.size()));
    }

    private static Case assemble(int index, ReaderKind kind, ReaderPart settings, List<ReaderPart> members) {
        String packageName = "fuzz.c" + index;
        String body = members.stream().map(part -> part.render(kind)).collect(Collectors.joining());
        String source = "package " + packageName + ";\n\n" + IMPORTS + "\n" + kind.render(settings.source(), body);

        List<ReaderPart> parts = new ArrayList<>(members);
        parts.add(settings);
        Set<Effect> effects = EnumSet.noneOf(Effect.class);
        parts.forEach(part -> effects.addAll(part.effects()));
        boolean hasFeatures = members.stream().anyMatch(part -> part.source().contains("@Features"));

        List<Message> reader = new ArrayList<>(kind.messages());
        List<Message> outside = new ArrayList<>();
        for (ReaderPart part : parts) {
            if (part.effects().contains(Effect.OUTSIDE_READER)) {
                outside.addAll(part.messages());
            } else if (!part.effects().contains(Effect.CLASHES_WITH_FEATURES) || hasFeatures) {
                reader.addAll(part.messages());
            }
        }
        if (effects.contains(Effect.PER_WORKER)) {
            reader.removeIf(message -> message == Message.NON_FINAL_FIELD);
        }
        if (kind.isStreaming()) {
            reader.removeIf(message -> message == Message.STEPS_PER_EPOCH_IGNORED);
        }
        if (kind.isNotAClass()) {
            reader.retainAll(List.of(Message.NOT_A_CLASS));
        }
        // What javac never hands to DataSeq, or DataSeq waits for in vain, gets no message.
        boolean unseen = effects.contains(Effect.STOPS_PROCESSING);
        if (unseen || effects.contains(Effect.DEFERS_READER)) {
            reader.clear();
        }
        if (unseen) {
            outside.clear();
        }
        List<Message> messages = new ArrayList<>(reader);
        messages.addAll(outside);
        Collections.sort(messages);

        boolean generates = !unseen && !effects.contains(Effect.DEFERS_READER)
                && reader.stream().noneMatch(message -> message.kind() == Kind.ERROR);
        String sequence = effects.contains(Effect.RENAMES)
                ? settings.source().replaceFirst(".*name = \"(\\w+)\".*", "$1")
                : kind.sequenceName();
        String description = kind + " with " + parts.stream()
                .map(part -> part.name() + (part.isMistake() ? " (wrong)" : ""))
                .collect(Collectors.joining(", "));
        if (kind == ReaderKind.LOCAL) {
            // DataSeq reads the local class in the source and says it is never generated: once for it, once for a
            // class nested in it with annotated methods. That error ends the compilation before javac attributes the
            // local class, where it would find the errors of its parts.
            List<Message> local = new ArrayList<>(List.of(Message.LOCAL_CLASS));
            parts.stream().filter(part -> part.effects().contains(Effect.OUTSIDE_READER) && !part.messages().isEmpty())
                    .forEach(part -> local.add(Message.LOCAL_CLASS));
            return new Case(index, description, packageName, packageName + "." + kind.topLevelName(), source, local,
                    false, null, true, true);
        }
        return new Case(index, description, packageName, packageName + "." + kind.topLevelName(), source, messages,
                effects.contains(Effect.JAVAC_ERROR), generates ? packageName + "." + sequence : null,
                effects.contains(Effect.STOPS_PROCESSING), false);
    }
}
