package io.dataseq.processor;

import javax.lang.model.element.ExecutableElement;

/**
 * A {@code @Size}, {@code @Features}, {@code @Label} or {@code @Describe} method in a type without
 * {@code @DataSequence}: nothing would ever call it, which is almost certainly a forgotten annotation.
 *
 * @param signature the method as messages name it, e.g. {@code pixels(int)}
 * @param enclosingDisplay the simple name of the type it is declared in
 */
record StrayAnnotation(
        ExecutableElement method, MethodRole role, AnnotationRef annotation, String signature, String enclosingDisplay) {}
