package io.dataseq.processor;

import java.util.List;
import java.util.Set;
import javax.lang.model.SourceVersion;

/**
 * The rules about the values of {@code @DataSequence}: each value alone, the values that contradict each other, and
 * the name of the generated class. Every diagnostic points at the value it is about, where the user wrote one.
 */
final class SettingsRules {
    private static final Set<String> LITERALS = Set.of("true", "false", "null");
    /** The restricted identifiers that cannot name a type, as of Java 17 (JLS 3.9). */
    private static final Set<String> RESTRICTED = Set.of("var", "yield", "record", "sealed", "permits");

    void check(ReaderModel model, List<Diagnostic> diagnostics) {
        SequenceSettings settings = model.settings();
        if (settings.batchSize() < 1) {
            diagnostics.add(onSetting(Message.BATCH_SIZE_TOO_SMALL, model, "batchSize", settings.batchSize()));
        }
        if (settings.workers() < RuntimeNames.AUTO) {
            diagnostics.add(onSetting(Message.WORKERS_INVALID, model, "workers", settings.workers()));
        }
        // A window of 0 batches could never hand one over; -1 is AUTO.
        if (settings.prefetch() < 1 && settings.prefetch() != RuntimeNames.AUTO) {
            diagnostics.add(onSetting(Message.PREFETCH_INVALID, model, "prefetch", settings.prefetch()));
        }
        checkPrefetchAgainstWorkers(model, diagnostics);
        checkSequenceName(model, diagnostics);
        checkDistributed(model, diagnostics);
    }

    /**
     * The engine submits at most {@code prefetch} batches at a time, one worker each: with no workers there is
     * nothing to read ahead, and with fewer batches than workers the rest wait for ever. A window of 1 with no
     * workers is the natural way to write "no read-ahead", so only a larger one is worth a word.
     */
    private static void checkPrefetchAgainstWorkers(ReaderModel model, List<Diagnostic> diagnostics) {
        int workers = model.settings().workers();
        int prefetch = model.settings().prefetch();
        if (prefetch < 1) {
            return;
        }
        if (workers == 0 && prefetch > 1) {
            diagnostics.add(onSetting(Message.PREFETCH_WITHOUT_WORKERS, model, "prefetch", prefetch));
        } else if (workers > 0 && prefetch < workers) {
            diagnostics.add(onSetting(Message.PREFETCH_BELOW_WORKERS, model, "prefetch", prefetch, workers));
        }
    }

    /**
     * A distributed reader is made again in each Spark task, from what a serialisable lambda carried there, and reads
     * the task's chunk of numbered records: a stream has no numbers to hand out, and a reader made from a decoder or a
     * connection cannot travel. What the parser found that cannot travel is a warning: the lambda may make it there.
     */
    private static void checkDistributed(ReaderModel model, List<Diagnostic> diagnostics) {
        if (!model.settings().distributed()) {
            return;
        }
        model.descriptor().ifPresent(descriptor -> diagnostics.add(
                onSetting(Message.DISTRIBUTED_STREAMING, model, "distributed", descriptor.display())));
        model.uncarriedParameter().ifPresent(uncarried -> diagnostics.add(Diagnostic.of(
                Message.DISTRIBUTED_NOT_REBUILDABLE, uncarried.declaration(), null, null, model.readerDisplay(),
                uncarried.type(), uncarried.name(), uncarried.maker())));
    }

    private static void checkSequenceName(ReaderModel model, List<Diagnostic> diagnostics) {
        String name = model.sequenceSimpleName();
        String invalid = whyInvalid(name);
        if (invalid != null) {
            diagnostics.add(onSetting(Message.NAME_INVALID, model, "name", name, invalid));
            return;
        }
        // The generated code itself compiles whatever its name (it names what it must in full); the reader's
        // package, whose files see the sequence before java.lang and before their imports on demand, may not.
        model.hiddenType().ifPresent(hidden -> diagnostics.add(onSetting(Message.NAME_HIDES_TYPE, model, "name",
                name, hidden, model.sequencePackage().isEmpty() ? "(unnamed)" : model.sequencePackage())));
        // Whether a type of that name exists already is not the reader's business: SequenceWriter asks, when it
        // writes, because only the compilation can tell.
    }

    /**
     * Why {@code name} cannot name the generated class, as NAME_INVALID says it after the name; null when it can.
     * Keywords and literals are never identifiers; restricted identifiers ({@code var}, {@code yield},
     * {@code record}, {@code sealed}, {@code permits}) are, but not of a class; {@code Builder} is the class's own
     * nested builder, which a class cannot be named like.
     */
    static String whyInvalid(String name) {
        if (name.contains(".")) {
            return "which has a package: the sequence is generated in the reader's package";
        }
        if (LITERALS.contains(name)) {
            return "which is a literal";
        }
        if (SourceVersion.isKeyword(name)) {
            return "which is a keyword";
        }
        if (!SourceVersion.isIdentifier(name)) {
            return "which is not an identifier";
        }
        if (RESTRICTED.contains(name)) {
            return "a restricted identifier, which Java does not allow as a class name";
        }
        if (name.equals(SequenceGenerator.BUILDER)) {
            return "the name of the class it holds, " + SequenceGenerator.BUILDER;
        }
        return null;
    }

    /** A diagnostic on the reader, pointing at {@code attribute}'s value if the user wrote one. */
    private static Diagnostic onSetting(Message message, ReaderModel model, String attribute, Object... values) {
        Object[] args = new Object[values.length + 1];
        args[0] = model.readerDisplay();
        System.arraycopy(values, 0, args, 1, values.length);
        return Diagnostic.of(message, model.type(), model.annotation().mirror(), model.annotation().written(attribute),
                args);
    }
}
