package io.dataseq.processor;

import com.google.auto.service.AutoService;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.tools.Diagnostic.Kind;

/**
 * Generates {@code <Reader>Sequence} for each class annotated {@code @io.dataseq.annotation.DataSequence}. This class
 * is only the loop: per reader it runs {@link ReaderParser} and {@link ReaderValidator}; then {@link SequenceNames}
 * gives each generated name to one reader of the round; then per reader {@link BindingPlan},
 * {@link SequenceGenerator} and {@link SequenceWriter}. A failure with one reader never stops the others.
 *
 * <p>It also claims {@code @Size}, {@code @Features}, {@code @Label} and {@code @Describe}, to report those used
 * outside a reader, and {@code @javax.annotation.processing.Generated}, which it puts on every class it writes:
 * javac's {@code -Xlint:processing} (part of {@code -Xlint:all}) warns about annotations that no processor claims,
 * and the generated code must compile without warnings in a strict build. {@code @Generated} is a marker for people
 * and tools; no processor is expected to act on it.
 */
@AutoService(Processor.class)
public final class DataSequenceProcessor extends AbstractProcessor {
    private SequenceGenerator generator;
    private ReaderParser parser;
    private final ReaderValidator validator = new ReaderValidator();
    private SequenceWriter writer;
    private LocalClasses localClasses;
    private final SequenceNames names = new SequenceNames();
    /** Readers that referred to unresolved types, by qualified name (elements do not outlive a round). */
    private final Set<String> deferred = new LinkedHashSet<>();

    /** Used by the compiler, which finds the processor through {@code META-INF/services}. */
    public DataSequenceProcessor() {}

    /** For tests that replace the generator, e.g. with one that fails. */
    DataSequenceProcessor(SequenceGenerator generator) {
        this.generator = generator;
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of(RuntimeNames.DATA_SEQUENCE, RuntimeNames.SIZE, RuntimeNames.FEATURES, RuntimeNames.LABEL,
                RuntimeNames.DESCRIBE, RuntimeNames.IMAGE, RuntimeNames.GENERATED_CLASS.canonicalName());
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public synchronized void init(ProcessingEnvironment processingEnv) {
        super.init(processingEnv);
        SourceDeclarations declarations = SourceDeclarations.of(processingEnv);
        parser = new ReaderParser(processingEnv.getElementUtils(), processingEnv.getTypeUtils(), declarations);
        writer = new SequenceWriter(processingEnv.getFiler(), processingEnv.getElementUtils(), declarations);
        localClasses = declarations.localClasses();
        if (generator == null) {
            boolean hasGenerated = processingEnv.getElementUtils()
                    .getTypeElement(RuntimeNames.GENERATED_CLASS.canonicalName()) != null;
            generator = new SequenceGenerator(hasGenerated);
        }
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        if (round.processingOver()) {
            // What is still unresolved now never will be: javac reports it, and DataSeq adds nothing.
            deferred.clear();
            return true;
        }
        List<TypeElement> readers = new ArrayList<>();
        for (String name : deferred) {
            Optional.ofNullable(processingEnv.getElementUtils().getTypeElement(name)).ifPresent(readers::add);
        }
        deferred.clear();
        Map<ExecutableElement, MethodRole> annotated = new LinkedHashMap<>();
        for (TypeElement annotation : annotations) {
            String name = annotation.getQualifiedName().toString();
            MethodRole role = MethodRole.forAnnotation(name);
            for (Element element : round.getElementsAnnotatedWith(annotation)) {
                if (name.equals(RuntimeNames.DATA_SEQUENCE)) {
                    readers.addAll(ElementFilter.typesIn(Set.of(element)));
                } else if (role != null) {
                    ElementFilter.methodsIn(Set.of(element)).forEach(method -> annotated.putIfAbsent(method, role));
                }
            }
        }
        List<ReaderModel> valid = new ArrayList<>();
        readers.forEach(reader -> check(reader).ifPresent(valid::add));
        List<Diagnostic> duplicates = new ArrayList<>();
        List<ReaderModel> owners = names.claim(valid, duplicates);
        duplicates.forEach(this::report);
        owners.forEach(this::write);
        Set<Element> bases = superclasses(readers);
        annotated.forEach((method, role) -> processStray(method, role, bases));
        try {
            // The sequences written in the round before hold no local class: only the other files are read.
            localClasses.report(round.getRootElements().stream()
                    .filter(root -> !(root instanceof TypeElement type
                            && names.isGenerated(type.getQualifiedName().toString())))
                    .collect(Collectors.toSet()));
        } catch (RuntimeException e) {
            // Only ever an extra error: javac's trees are not worth failing the compilation for.
            processingEnv.getMessager().printMessage(Kind.WARNING,
                    Message.INTERNAL_ERROR.format("local classes", e, stackTrace(e)));
        }
        return true;
    }

    /**
     * The superclasses of {@code readers}: their annotated methods are inherited, not stray. (Which classes a reader
     * in another compilation extends cannot be known; the message says what to do about that.)
     */
    private static Set<Element> superclasses(List<TypeElement> readers) {
        Set<Element> bases = new HashSet<>();
        for (TypeElement reader : readers) {
            for (TypeMirror type = reader.getSuperclass(); type instanceof DeclaredType declared;
                    type = ((TypeElement) declared.asElement()).getSuperclass()) {
                bases.add(declared.asElement());
            }
        }
        return bases;
    }

    /** Parses and validates {@code reader}, reports what is wrong, and returns its model if nothing is an error. */
    private Optional<ReaderModel> check(TypeElement reader) {
        try {
            Optional<ReaderModel> model = parser.parse(reader);
            if (model.isEmpty()) {
                deferred.add(reader.getQualifiedName().toString());
                return Optional.empty();
            }
            List<Diagnostic> diagnostics = validator.validate(model.get());
            diagnostics.forEach(this::report);
            return diagnostics.stream().anyMatch(diagnostic -> diagnostic.kind() == Kind.ERROR)
                    ? Optional.empty()
                    : model;
        } catch (RuntimeException e) {
            report(Diagnostic.of(Message.INTERNAL_ERROR, reader, null, null, reader.getSimpleName(), e,
                    stackTrace(e)));
            return Optional.empty();
        }
    }

    private void write(ReaderModel model) {
        try {
            writeOrReport(model);
        } catch (RuntimeException e) {
            report(Diagnostic.of(Message.INTERNAL_ERROR, model.type(), null, null, model.type().getSimpleName(), e,
                    stackTrace(e)));
        }
    }

    private void writeOrReport(ReaderModel model) {
        try {
            switch (writer.write(model, generator.generate(BindingPlan.of(model)))) {
                case STALE -> report(Diagnostic.of(Message.STALE_OUTPUT, model.type(), model.annotation().mirror(),
                        null, model.readerDisplay(), model.sequenceName()));
                case CLASH -> report(Diagnostic.of(Message.NAME_CLASH, model.type(), model.annotation().mirror(),
                        model.annotation().written("name"), model.readerDisplay(), model.sequenceName()));
                case WRITTEN, UP_TO_DATE -> { }
            }
        } catch (IOException e) {
            report(Diagnostic.of(Message.WRITE_FAILED, model.type(), model.annotation().mirror(), null,
                    model.readerDisplay(), model.sequenceName(), e.getMessage()));
        }
    }

    private void processStray(ExecutableElement method, MethodRole role, Set<Element> bases) {
        try {
            if (bases.contains(method.getEnclosingElement())) {
                return;
            }
            parser.parseStray(method, role).map(validator::validate).ifPresent(this::report);
        } catch (RuntimeException e) {
            report(Diagnostic.of(Message.INTERNAL_ERROR, method, null, null, method.getSimpleName(), e,
                    stackTrace(e)));
        }
    }

    private void report(Diagnostic diagnostic) {
        diagnostic.printTo(processingEnv.getMessager());
    }

    private static String stackTrace(Throwable e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        return trace.toString();
    }
}
