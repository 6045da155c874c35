package io.dataseq.processor.bench;

import com.sun.source.util.JavacTask;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.annotation.processing.Processor;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * What the DataSeq processor costs a build: a benchmark, not a test (no unit test asserts a time). It writes
 * {@code n} readers ({@link ReaderGenerator}), generates their sequences once, then compiles, in turns:
 * <ul>
 *   <li><b>processor</b>: the readers, with the processor (what a build does);</li>
 *   <li><b>generated</b>: the readers and the sequences generated before, without any processor: the same classes
 *       compiled, so the difference is the processor's own work and the extra round of processing it causes;</li>
 *   <li><b>readers</b>: the readers alone, without any processor.</li>
 * </ul>
 * Each compilation runs in this JVM through the {@code javax.tools} API (a warm compiler, as in a Gradle daemon or
 * an IDE), into fresh output folders; after warm-up runs it prints the median of each, and the ratios. It measures
 * the CPU time of the thread that compiles (javac compiles on the calling thread), which a busy machine disturbs far
 * less than the elapsed time, printed too. It also times the processor's {@code init} and {@code process} calls,
 * which tells its own work from the extra round.
 *
 * <p>Run it with {@code mvn -B -DskipTests -Dinvoker.skip -Pprocessor-bench -pl processor -am verify}; arguments in
 * {@code -Dprocessor-bench.args="200 10"} (see {@link #main}). The figures are in {@code docs/performance.md}.
 */
public final class ProcessorBenchmark {
    private static final String PROCESSOR = "io.dataseq.processor.DataSequenceProcessor";

    private final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    private final String classPath = System.getProperty("java.class.path");
    private final ClassLoader processorLoader;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private long processorNanos;

    private ProcessorBenchmark(ClassLoader processorLoader) {
        this.processorLoader = processorLoader;
    }

    /**
     * Arguments: the number of readers (200), of measured runs (10), then optionally {@code --processor=<folder>}
     * to load the processor's classes from another build, and {@code --no-inheritance} for one that predates
     * inherited methods (then no reader inherits).
     */
    public static void main(String[] args) throws Exception {
        List<String> positional = Arrays.stream(args).filter(arg -> !arg.startsWith("--")).toList();
        int readers = positional.size() > 0 ? Integer.parseInt(positional.get(0)) : 200;
        int runs = positional.size() > 1 ? Integer.parseInt(positional.get(1)) : 10;
        ClassLoader loader = ProcessorBenchmark.class.getClassLoader();
        boolean inheritance = true;
        for (String arg : args) {
            if (arg.startsWith("--processor=")) {
                loader = new OtherBuild(Path.of(arg.substring("--processor=".length())).toUri().toURL(), loader);
            } else if (arg.equals("--no-inheritance")) {
                inheritance = false;
            }
        }
        new ProcessorBenchmark(loader).run(readers, runs, inheritance);
    }

    private void run(int readers, int runs, boolean inheritance) throws IOException {
        Path root = Files.createTempDirectory("dataseq-processor-bench");
        try {
            List<Path> sources = ReaderGenerator.write(readers, root.resolve("src"), inheritance);
            Path generated = root.resolve("generated");
            compile(sources, true, root.resolve("first"), generated);
            List<Path> sequences;
            try (Stream<Path> files = Files.walk(generated)) {
                sequences = files.filter(file -> file.toString().endsWith(".java")).sorted().toList();
            }
            List<Path> withSequences = new ArrayList<>(sources);
            withSequences.addAll(sequences);
            System.out.printf(Locale.ROOT, "%d readers (%d files), %d generated sequences; JDK %s, %d processors%n",
                    readers, sources.size(), sequences.size(), System.getProperty("java.version"),
                    Runtime.getRuntime().availableProcessors());

            Map<String, List<Long>> times = new LinkedHashMap<>();
            Map<String, List<Long>> walls = new LinkedHashMap<>();
            List<Long> inside = new ArrayList<>();
            int warmUp = Math.max(1, runs / 2);
            for (int run = 0; run < warmUp + runs; run++) {
                // A different order each run, so that no variant always follows the same one.
                List<String> order = new ArrayList<>(List.of("processor", "generated", "readers"));
                Collections.rotate(order, run);
                for (String variant : order) {
                    Path out = root.resolve("run" + run + variant);
                    processorNanos = 0;
                    long wall = System.nanoTime();
                    long start = THREADS.getCurrentThreadCpuTime();
                    switch (variant) {
                        case "processor" -> compile(sources, true, out, out.resolve("generated"));
                        case "generated" -> compile(withSequences, false, out, out.resolve("generated"));
                        default -> compile(sources, false, out, out.resolve("generated"));
                    }
                    long elapsed = THREADS.getCurrentThreadCpuTime() - start;
                    if (run >= warmUp) {
                        times.computeIfAbsent(variant, key -> new ArrayList<>()).add(elapsed);
                        walls.computeIfAbsent(variant, key -> new ArrayList<>()).add(System.nanoTime() - wall);
                        if (variant.equals("processor")) {
                            inside.add(processorNanos);
                        }
                    }
                    delete(out);
                }
            }
            long processor = median(times.get("processor"));
            long withGenerated = median(times.get("generated"));
            long alone = median(times.get("readers"));
            long own = median(inside);
            System.out.printf(Locale.ROOT, "median CPU time of %d runs (after %d warm-up): processor %d ms, generated"
                    + " %d ms, readers %d ms; inside the processor %d ms%n", runs, warmUp, ms(processor),
                    ms(withGenerated), ms(alone), ms(own));
            System.out.printf(Locale.ROOT, "median elapsed: processor %d ms, generated %d ms, readers %d ms"
                    + " (processor / generated = %.2fx)%n", ms(median(walls.get("processor"))),
                    ms(median(walls.get("generated"))), ms(median(walls.get("readers"))),
                    ratio(median(walls.get("processor")), median(walls.get("generated"))));
            System.out.printf(Locale.ROOT, "processor / generated = %.2fx (its own work %.2fx, the extra round"
                    + " %.2fx); processor / readers = %.2fx%n", ratio(processor, withGenerated),
                    ratio(withGenerated + own, withGenerated), ratio(processor - own, withGenerated),
                    ratio(processor, alone));
        } finally {
            delete(root);
        }
    }

    private void compile(List<Path> sources, boolean withProcessor, Path classes, Path generated) throws IOException {
        Files.createDirectories(classes);
        Files.createDirectories(generated);
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            List<String> options = List.of("-classpath", classPath, "-d", classes.toString(), "-s",
                    generated.toString(), "-proc:" + (withProcessor ? "full" : "none"), "-Xlint:none",
                    "-implicit:none");
            JavacTask task = (JavacTask) javac.getTask(null, files, diagnostics, options, null,
                    files.getJavaFileObjectsFromPaths(sources));
            if (withProcessor) {
                task.setProcessors(List.of(timed(newProcessor())));
            }
            if (!task.call()) {
                throw new IllegalStateException("the benchmark's readers do not compile: " + diagnostics
                        .getDiagnostics().stream().map(Object::toString).limit(5).collect(Collectors.joining("\n")));
            }
        }
    }

    private Processor newProcessor() {
        try {
            return (Processor) processorLoader.loadClass(PROCESSOR).getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code delegate}, with the time spent in its {@code init} and {@code process} added to processorNanos. */
    private Processor timed(Processor delegate) {
        return (Processor) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Processor.class}, (proxy, method, args) -> {
                    long start = THREADS.getCurrentThreadCpuTime();
                    try {
                        return method.invoke(delegate, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    } finally {
                        if (method.getName().equals("init") || method.getName().equals("process")) {
                            processorNanos += THREADS.getCurrentThreadCpuTime() - start;
                        }
                    }
                });
    }

    /** The processor's classes from another folder (another build of it), everything else from this class path. */
    private static final class OtherBuild extends URLClassLoader {
        private final ClassLoader rest;

        OtherBuild(URL folder, ClassLoader rest) {
            super(new URL[] {folder}, null);
            this.rest = rest;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                if (!name.startsWith("io.dataseq.processor.")) {
                    return rest.loadClass(name);
                }
                Class<?> loaded = findLoadedClass(name);
                return loaded != null ? loaded : findClass(name);
            }
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static double ratio(long a, long b) {
        return (double) a / b;
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    private static void delete(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
