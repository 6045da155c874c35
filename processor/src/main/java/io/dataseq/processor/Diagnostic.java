package io.dataseq.processor;

import java.util.List;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic.Kind;

/**
 * One finding about a reader: a {@link Message} with its arguments, attached to the element that is wrong and,
 * where there is one, to the annotation and the annotation value that are wrong.
 *
 * @param mirror the annotation to point at, or null
 * @param value the annotation value to point at, or null (it must belong to {@code mirror})
 */
record Diagnostic(Message message, Element element, AnnotationMirror mirror, AnnotationValue value, List<Object> args) {

    Diagnostic {
        args = List.copyOf(args);
    }

    static Diagnostic of(Message message, Element element, AnnotationMirror mirror, AnnotationValue value,
            Object... args) {
        return new Diagnostic(message, element, mirror, value, List.of(args));
    }

    Kind kind() {
        return message.kind();
    }

    String text() {
        return message.format(args.toArray());
    }

    void printTo(Messager messager) {
        messager.printMessage(kind(), text(), element, mirror, value);
    }
}
