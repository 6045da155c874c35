package io.dataseq.processor;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One way to write one part of a drawn reader (see {@link MalformedReaders}), and what it must cause.
 *
 * @param name what it is, as a failing case's description says
 * @param source Java source; {@code {d}} becomes {@code default } in an interface, {@code {B}} a method body
 * @param messages the messages it causes, once each per occurrence
 * @param effects what else it does to the compilation
 * @param fits the reader kinds it can be written in
 */
record ReaderPart(String name, String source, List<Message> messages, Set<Effect> effects, Predicate<ReaderKind> fits) {

    /** What a part does besides causing its messages. */
    enum Effect {
        /** javac reports an error of its own. */
        JAVAC_ERROR,
        /** The reader refers to something unresolved: DataSeq waits for it in vain, then says nothing of it. */
        DEFERS_READER,
        /** An annotation where its {@code @Target} forbids it: javac stops before annotation processing. */
        STOPS_PROCESSING,
        /** Its messages are about another class of the file, and do not depend on the reader. */
        OUTSIDE_READER,
        /** {@code perWorker = true}: the reader's fields are not checked. */
        PER_WORKER,
        /** Its message is due only if the reader has a {@code @Features} method to clash with. */
        CLASHES_WITH_FEATURES,
        /** It renames the generated class, to the {@code name = "..."} it holds. */
        RENAMES
    }

    static final String BODY = "{ throw new IllegalStateException(); }";

    /** A part that is right. */
    static ReaderPart ok(String name, String source) {
        return new ReaderPart(name, source, List.of(), EnumSet.noneOf(Effect.class), kind -> true);
    }

    /** A part that causes {@code messages}. */
    static ReaderPart bad(String name, String source, Message... messages) {
        return new ReaderPart(name, source, List.of(messages), EnumSet.noneOf(Effect.class), kind -> true);
    }

    /** A part that javac rejects by itself, with {@code effects} on DataSeq. */
    static ReaderPart javacError(String name, String source, Effect... effects) {
        EnumSet<Effect> all = EnumSet.of(Effect.JAVAC_ERROR, effects);
        return new ReaderPart(name, source, List.of(), all, kind -> true);
    }

    ReaderPart with(Effect effect) {
        EnumSet<Effect> all = EnumSet.of(effect);
        all.addAll(effects);
        return new ReaderPart(name, source, messages, all, fits);
    }

    /** This part, written only in readers of a kind that {@code kinds} accepts. */
    ReaderPart only(Predicate<ReaderKind> kinds) {
        return new ReaderPart(name, source, messages, effects, fits.and(kinds));
    }

    boolean isMistake() {
        return !messages.isEmpty() || effects.contains(Effect.JAVAC_ERROR);
    }

    /** The source as written in a reader of {@code kind}, indented as a member. */
    String render(ReaderKind kind) {
        if (source.isEmpty()) {
            return "";
        }
        String text = source.replace("{d}", kind.body() == ReaderKind.Body.INTERFACE ? "default " : "")
                .replace("{B}", BODY);
        return ("    " + text.replace("\n", "\n    ")).stripTrailing() + "\n";
    }
}
