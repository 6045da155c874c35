package io.dataseq.processor;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.Completion;
import javax.annotation.processing.Filer;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * A {@link DataSequenceProcessor} that records the source files it creates, and the elements it names as their
 * origin. Needed where a compilation fails on purpose (compile-testing then hides the generated files, and javac
 * runs no further round that could show them), and to see what an incremental build would be told: which elements
 * are named as a file's origin, and which types the processor asks the compiler for by name.
 *
 * <p>It hands the processor a wrapped environment, as Gradle does: javac's {@code Trees} cannot be had through it.
 */
final class RecordingProcessor implements Processor {
    private final Processor delegate;
    private final List<String> createdSources = new ArrayList<>();
    private final Map<String, List<Element>> originatingElements = new LinkedHashMap<>();
    private final List<String> events = new ArrayList<>();

    RecordingProcessor(Processor delegate) {
        this.delegate = delegate;
    }

    /** The qualified names of the source files created so far, in order. */
    List<String> createdSources() {
        return createdSources;
    }

    /** The originating elements the processor gave for each source file it created, by qualified name. */
    Map<String, List<Element>> originatingElements() {
        return originatingElements;
    }

    /**
     * What the processor asked of the compiler, in order: {@code "lookup <name>"} for each
     * {@code Elements.getTypeElement(name)} and {@code "create <name>"} for each source file it created.
     */
    List<String> events() {
        return events;
    }

    @Override
    public void init(ProcessingEnvironment environment) {
        Elements elements = proxy(Elements.class, (proxy, method, args) -> {
            if (method.getName().equals("getTypeElement")) {
                events.add("lookup " + args[args.length - 1]);
            }
            return invoke(method, environment.getElementUtils(), args);
        });
        Filer filer = proxy(Filer.class, (proxy, method, args) -> {
            if (method.getName().equals("createSourceFile")) {
                events.add("create " + args[0]);
                createdSources.add(args[0].toString());
                Element[] origins = args.length > 1 && args[1] != null ? (Element[]) args[1] : new Element[0];
                originatingElements.put(args[0].toString(), List.of(origins));
            }
            return invoke(method, environment.getFiler(), args);
        });
        delegate.init(proxy(ProcessingEnvironment.class, (proxy, method, args) -> switch (method.getName()) {
            case "getFiler" -> filer;
            case "getElementUtils" -> elements;
            default -> invoke(method, environment, args);
        }));
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        return delegate.process(annotations, round);
    }

    @Override
    public Set<String> getSupportedOptions() {
        return delegate.getSupportedOptions();
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return delegate.getSupportedAnnotationTypes();
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return delegate.getSupportedSourceVersion();
    }

    @Override
    public Iterable<? extends Completion> getCompletions(
            Element element, AnnotationMirror annotation, ExecutableElement member, String userText) {
        return delegate.getCompletions(element, annotation, member, userText);
    }

    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
