package io.dataseq.processor;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * One annotation on the reader, read through its mirror: its values (defaults included) for the model, and the
 * values the user wrote, which diagnostics point at.
 */
record AnnotationRef(AnnotationMirror mirror, Map<String, AnnotationValue> values, Map<String, AnnotationValue> written) {

    AnnotationRef {
        values = Map.copyOf(values);
        written = Map.copyOf(written);
    }

    /** The annotation named {@code qualifiedName} on {@code element}, if it has one. */
    static Optional<AnnotationRef> find(Element element, String qualifiedName, Elements elements) {
        for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
            TypeElement type = (TypeElement) mirror.getAnnotationType().asElement();
            if (type.getQualifiedName().contentEquals(qualifiedName)) {
                return Optional.of(new AnnotationRef(
                        mirror, byName(elements.getElementValuesWithDefaults(mirror)), byName(mirror.getElementValues())));
            }
        }
        return Optional.empty();
    }

    /**
     * The value the user wrote for {@code attribute}, or null when it is defaulted (then a diagnostic points at the
     * annotation as a whole: {@code Messager} accepts null).
     */
    AnnotationValue written(String attribute) {
        return written.get(attribute);
    }

    int intValue(String attribute) {
        return ((Number) constant(attribute, Number.class)).intValue();
    }

    long longValue(String attribute) {
        return ((Number) constant(attribute, Number.class)).longValue();
    }

    double doubleValue(String attribute) {
        return ((Number) constant(attribute, Number.class)).doubleValue();
    }

    boolean booleanValue(String attribute) {
        return (Boolean) constant(attribute, Boolean.class);
    }

    String stringValue(String attribute) {
        return (String) constant(attribute, String.class);
    }

    /** The simple name of an enum constant value, e.g. {@code FAIL}. */
    String enumValue(String attribute) {
        return ((VariableElement) constant(attribute, VariableElement.class)).getSimpleName().toString();
    }

    List<Integer> intValues(String attribute) {
        return array(attribute).stream()
                .map(value -> ((Number) checked(value, Number.class, attribute)).intValue())
                .collect(Collectors.toList());
    }

    List<Double> doubleValues(String attribute) {
        return array(attribute).stream()
                .map(value -> ((Number) checked(value, Number.class, attribute)).doubleValue())
                .collect(Collectors.toList());
    }

    /**
     * The attributes whose value differs from the annotation's default, including those without a default; a
     * value written equal to its default does not count.
     */
    Set<String> changedFromDefaults() {
        Set<String> changed = new HashSet<>();
        for (ExecutableElement attribute : ElementFilter.methodsIn(
                mirror.getAnnotationType().asElement().getEnclosedElements())) {
            String name = attribute.getSimpleName().toString();
            AnnotationValue value = values.get(name);
            AnnotationValue byDefault = attribute.getDefaultValue();
            if (value != null && (byDefault == null || !value.toString().equals(byDefault.toString()))) {
                changed.add(name);
            }
        }
        return changed;
    }

    List<String> stringValues(String attribute) {
        return array(attribute).stream()
                .map(value -> (String) checked(value, String.class, attribute))
                .collect(Collectors.toList());
    }

    private List<? extends AnnotationValue> array(String attribute) {
        @SuppressWarnings("unchecked") // an array attribute's value is a list of its elements' values
        List<? extends AnnotationValue> values = (List<? extends AnnotationValue>) constant(attribute, List.class);
        return values;
    }

    private Object constant(String attribute, Class<?> type) {
        AnnotationValue value = values.get(attribute);
        if (value == null) {
            throw new Unresolved("no value for " + attribute);
        }
        return checked(value, type, attribute);
    }

    // javac hands out a placeholder (not a constant of the attribute's type) for a value it could not resolve.
    private static Object checked(AnnotationValue value, Class<?> type, String attribute) {
        Object constant = value.getValue();
        if (!type.isInstance(constant)) {
            throw new Unresolved("value of " + attribute + ": " + value);
        }
        return constant;
    }

    private static Map<String, AnnotationValue> byName(Map<? extends ExecutableElement, ? extends AnnotationValue> values) {
        Map<String, AnnotationValue> byName = new HashMap<>();
        values.forEach((method, value) -> byName.put(method.getSimpleName().toString(), value));
        return byName;
    }
}
