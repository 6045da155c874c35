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

/**
 * A {@link DataSequenceProcessor} that records the source files it creates, and the elements it names as their
 * origin. Needed where a compilation fails on purpose (compile-testing then hides the generated files, and javac
 * runs no further round that could show them), and to see what an incremental build would be told.
 */
final class RecordingProcessor implements Processor {
    private final Processor delegate;
    private final List<String> createdSources = new ArrayList<>();
    private final Map<String, List<Element>> originatingElements = new LinkedHashMap<>();

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

    @Override
    public void init(ProcessingEnvironment environment) {
        Filer filer = proxy(Filer.class, (proxy, method, args) -> {
            if (method.getName().equals("createSourceFile")) {
                createdSources.add(args[0].toString());
                Element[] origins = args.length > 1 && args[1] != null ? (Element[]) args[1] : new Element[0];
                originatingElements.put(args[0].toString(), List.of(origins));
            }
            return invoke(method, environment.getFiler(), args);
        });
        delegate.init(proxy(ProcessingEnvironment.class, (proxy, method, args) ->
                method.getName().equals("getFiler") ? filer : invoke(method, environment, args)));
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
