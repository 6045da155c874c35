package io.dataseq.processor;

import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import com.palantir.javapoet.TypeSpec;
import io.dataseq.processor.MalformedReaders.Case;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.annotation.processing.Processor;
import javax.tools.Diagnostic;
import javax.tools.Diagnostic.Kind;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Compiles a few hundred readers drawn by {@link MalformedReaders} from a fixed seed, and checks that each ends as it
 * must: exactly the DataSeq messages its mistakes call for, each on a line of its file; javac's own error where the
 * Java is wrong; the sequence generated exactly when nothing is. No case may end in an exception out of the
 * processor (javac would wrap it as "An annotation processor threw an uncaught exception") or an
 * {@code INTERNAL_ERROR}. Finally the clean cases are compiled together, to prove their generated code compiles.
 *
 * <p>Replay one case with {@code -Ddataseq.fuzz.case=<index>}; draw other cases with {@code -Ddataseq.fuzz.seed=<n>}
 * and {@code -Ddataseq.fuzz.cases=<count>}.
 */
class MalformedReaderFuzzTest {
    private static final long SEED = Long.getLong("dataseq.fuzz.seed", 20_261_121L);
    private static final int CASES = Integer.getInteger("dataseq.fuzz.cases", 240);
    private static final Integer REPLAY = Integer.getInteger("dataseq.fuzz.case");
    /** Readers per compilation: javac's start-up is most of the cost of a small one. */
    private static final int BATCH = 24;
    private static final int SHOWN_IN_FULL = 5;
    private static final Pattern ID = Pattern.compile("^\\[([A-Z_]+)] ");
    private static final String WITNESS_PACKAGE = "fuzz.witness";
    /** Messages that need more than one file, or a bug: their own tests cover them. */
    private static final Set<Message> NOT_DRAWN = EnumSet.of(Message.NAME_CLASH, Message.NAME_DUPLICATE,
            Message.STALE_OUTPUT, Message.WRITE_FAILED, Message.INTERNAL_ERROR, Message.METHOD_INACCESSIBLE);

    @Test
    void everyReaderEndsInItsDiagnosticsAndNeverInACrash() {
        long start = System.nanoTime();
        List<Case> cases = REPLAY != null
                ? List.of(MalformedReaders.draw(SEED, REPLAY))
                : IntStream.range(0, CASES).mapToObj(index -> MalformedReaders.draw(SEED, index))
                        .collect(Collectors.toList());
        List<String> failures = new ArrayList<>();
        List<Case> batched = cases.stream().filter(c -> !c.alone()).collect(Collectors.toList());
        for (int from = 0; from < batched.size(); from += BATCH) {
            check(batched.subList(from, Math.min(from + BATCH, batched.size())), DataSequenceProcessor::new,
                    failures);
        }
        cases.stream().filter(Case::alone).forEach(c -> check(List.of(c), DataSequenceProcessor::new, failures));
        checkCleanCasesCompileTogether(cases, failures);

        double seconds = (System.nanoTime() - start) / 1e9;
        long clean = cases.stream().filter(Case::isClean).count();
        long alone = cases.stream().filter(Case::alone).count();
        EnumSet<Message> exercised = EnumSet.noneOf(Message.class);
        cases.forEach(c -> exercised.addAll(c.messages()));
        System.out.printf(Locale.ROOT, "MalformedReaderFuzzTest: %d cases (seed %d; %d clean, %d compiled alone,"
                + " %d message ids due) in %.1f s%n", cases.size(), SEED, clean, alone, exercised.size(), seconds);
        if (!failures.isEmpty()) {
            fail(failures.size() + " of " + cases.size() + " cases failed (seed " + SEED + "; replay one with"
                    + " -Ddataseq.fuzz.case=<index>):\n\n" + report(failures));
        }
        if (REPLAY == null) {
            assertTrue(cases.size() >= 200, "too few cases: " + cases.size());
            Set<Message> missed = EnumSet.complementOf(exercised);
            missed.removeAll(NOT_DRAWN);
            assertEquals(Set.of(), missed, "messages no drawn case called for: draw more cases, or another seed");
        }
    }

    /**
     * The harness itself: a processor that lets an exception escape fails the case that made it, by name. javac
     * wraps such an exception ("An annotation processor threw an uncaught exception") and compile-testing throws it.
     */
    @Test
    void aProcessorThatThrowsFailsTheCase() {
        List<Case> cases = IntStream.range(0, CASES).mapToObj(index -> MalformedReaders.draw(SEED, index))
                .collect(Collectors.toList());
        Case generating = cases.stream().filter(c -> c.generated() != null).findFirst().orElseThrow();
        Case other = cases.stream().filter(c -> c.generated() == null && !c.alone()).findFirst().orElseThrow();
        SequenceGenerator failing = new SequenceGenerator(true) {
            @Override
            TypeSpec generate(BindingPlan plan) {
                if (plan.model().sequencePackage().equals(WITNESS_PACKAGE)) {
                    return super.generate(plan);
                }
                throw new AssertionError("boom"); // an Error: DataSequenceProcessor reports only RuntimeExceptions
            }
        };
        List<String> failures = new ArrayList<>();

        check(List.of(other, generating), () -> new DataSequenceProcessor(failing), failures);

        assertEquals(1, failures.size(), () -> String.join("\n\n", failures));
        assertTrue(failures.get(0).startsWith("case " + generating.index() + ": "), failures.get(0));
        assertTrue(failures.get(0).contains("the compiler threw") && failures.get(0).contains("boom"), failures.get(0));
    }

    private static void check(List<Case> cases, Supplier<Processor> processors, List<String> failures) {
        // RecordingProcessor wraps the environment, as Gradle does, which hides javac's trees: a case whose mistake
        // is found in them is compiled with the processor as it is, and what it generated is known only on success.
        boolean readsTrees = cases.size() == 1 && cases.get(0).readsTrees();
        RecordingProcessor recording = readsTrees ? null : new RecordingProcessor(processors.get());
        Compilation compilation;
        try {
            compilation = javac().withProcessors(readsTrees ? processors.get() : recording).compile(sources(cases));
        } catch (RuntimeException | Error e) {
            if (cases.size() > 1) {
                cases.forEach(c -> check(List.of(c), processors, failures)); // find the one that threw
            } else {
                failures.add(failure(cases.get(0), "the compiler threw " + e + (e.getCause() == null ? ""
                        : ", caused by " + e.getCause())));
            }
            return;
        }
        for (Diagnostic<? extends JavaFileObject> diagnostic : compilation.diagnostics()) {
            String text = diagnostic.getMessage(Locale.ROOT);
            if (diagnostic.getSource() == null && ID.matcher(text).find()) {
                failures.add("A DataSeq message with no place in any file, in a compilation of cases "
                        + indexes(cases) + ": " + text);
            }
        }
        List<String> created = !readsTrees ? recording.createdSources()
                : compilation.status() != Compilation.Status.SUCCESS ? List.of()
                : compilation.generatedSourceFiles().stream()
                        .map(file -> file.getName().replaceFirst("^/SOURCE_OUTPUT/", "").replace(".java", "")
                                .replace('/', '.'))
                        .collect(Collectors.toList());
        for (Case c : cases) {
            List<String> problems = problems(c, compilation, created);
            if (!problems.isEmpty()) {
                failures.add(failure(c, String.join("\n", problems)));
            }
        }
    }

    private static List<String> problems(Case c, Compilation compilation, List<String> created) {
        List<String> problems = new ArrayList<>();
        List<Message> found = new ArrayList<>();
        boolean javacError = false;
        for (Diagnostic<? extends JavaFileObject> diagnostic : compilation.diagnostics()) {
            if (!isIn(diagnostic, c)) {
                continue;
            }
            String text = diagnostic.getMessage(Locale.ROOT);
            Matcher id = ID.matcher(text);
            if (text.contains("[INTERNAL_ERROR]") || text.contains("threw an uncaught exception")) {
                problems.add("crashed: " + text);
            } else if (id.find()) {
                found.add(Message.valueOf(id.group(1)));
                if (diagnostic.getLineNumber() < 1) {
                    problems.add("no line for: " + text);
                }
            } else if (diagnostic.getKind() == Kind.ERROR) {
                javacError = true;
            }
        }
        Collections.sort(found);
        if (!found.equals(c.messages())) {
            problems.add("expected DataSeq messages " + c.messages() + ", found " + found);
        }
        if (javacError != c.javacError()) {
            problems.add(c.javacError() ? "expected an error from javac, found none" : "javac reported an error");
        }
        List<String> mine = created.stream().filter(name -> name.startsWith(c.packageName() + "."))
                .collect(Collectors.toList());
        List<String> due = c.generated() == null ? List.of() : List.of(c.generated());
        if (!mine.equals(due)) {
            problems.add("expected to generate " + due + ", generated " + mine);
        }
        return problems;
    }

    /** Whether {@code diagnostic} is about a file of {@code c}'s package: its reader, or what was generated from it. */
    private static boolean isIn(Diagnostic<? extends JavaFileObject> diagnostic, Case c) {
        // compile-testing's in-memory files have relative URIs, e.g. fuzz/c7/Reader.java.
        return diagnostic.getSource() != null && ("/" + diagnostic.getSource().toUri().getPath())
                .contains("/" + c.packageName().replace('.', '/') + "/");
    }

    private static void checkCleanCasesCompileTogether(List<Case> cases, List<String> failures) {
        List<Case> clean = cases.stream().filter(Case::isClean).collect(Collectors.toList());
        if (clean.isEmpty()) {
            return;
        }
        Compilation compilation = javac().withProcessors(new DataSequenceProcessor()).compile(sources(clean));
        for (Diagnostic<? extends JavaFileObject> diagnostic : compilation.errors()) {
            failures.add("A clean case's code does not compile: " + diagnostic);
        }
    }

    /**
     * The cases' files, and a reader of its own package that javac shows DataSeq in any compilation: javac starts
     * the processor only for annotations it can see, and a local reader's are not.
     */
    private static List<JavaFileObject> sources(List<Case> cases) {
        List<JavaFileObject> sources = cases.stream()
                .map(c -> JavaFileObjects.forSourceString(c.fileName(), c.source()))
                .collect(Collectors.toList());
        sources.add(JavaFileObjects.forSourceString(WITNESS_PACKAGE + ".Witness", """
                package fuzz.witness;

                @io.dataseq.annotation.DataSequence
                class Witness {
                    @io.dataseq.annotation.Size int size() { return 1; }
                    @io.dataseq.annotation.Features(shape = {1}) float[] values(int record) { return new float[1]; }
                }
                """));
        return sources;
    }

    /** The first few failures in full, with their sources; the first line of the rest. */
    private static String report(List<String> failures) {
        int full = Math.min(SHOWN_IN_FULL, failures.size());
        List<String> lines = new ArrayList<>(failures.subList(0, full));
        failures.subList(full, failures.size()).forEach(failure -> lines.add(failure.lines().findFirst().orElse("")));
        return String.join("\n\n", lines);
    }

    private static String failure(Case c, String problems) {
        return "case " + c.index() + ": " + c.description() + "\n" + problems.indent(2) + numbered(c.source());
    }

    private static String numbered(String source) {
        String[] lines = source.split("\n", -1);
        return IntStream.range(0, lines.length)
                .mapToObj(i -> String.format(Locale.ROOT, "%4d  %s", i + 1, lines[i]))
                .collect(Collectors.joining("\n"));
    }

    private static String indexes(List<Case> cases) {
        return cases.stream().map(c -> String.valueOf(c.index())).collect(Collectors.joining(", "));
    }
}
