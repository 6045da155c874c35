package io.dataseq.processor;

import java.util.List;
import java.util.stream.Stream;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * The parameter types that a serialisable lambda, such as {@code dataseq-spark}'s {@code BuilderSupplier}, can carry
 * from the Spark driver to an executor to make a reader there: primitives, {@code java.io.Serializable} types (boxes,
 * {@code String} and enums among them), {@code Path}, {@code URI} and {@code URL} (which the lambda makes again from
 * their text), and arrays and {@code List}s of those.
 */
final class CarriedTypes {
    private final Types types;
    private final TypeMirror list;
    /** Serializable, and the types a lambda carries as text. */
    private final List<TypeMirror> carried;

    CarriedTypes(Elements elements, Types types) {
        this.types = types;
        // The JDK's own, the same in every build.
        this.list = types.erasure(elements.getTypeElement("java.util.List").asType());
        this.carried = Stream.of("java.io.Serializable", "java.nio.file.Path", "java.net.URI", "java.net.URL")
                .map(name -> types.erasure(elements.getTypeElement(name).asType()))
                .toList();
    }

    /** Whether a lambda can carry a value of {@code type} to an executor. */
    boolean isCarried(TypeMirror type) {
        if (type.getKind().isPrimitive()) {
            return true;
        }
        if (type.getKind() == TypeKind.ARRAY) {
            return isCarried(((ArrayType) type).getComponentType());
        }
        if (type.getKind() != TypeKind.DECLARED) {
            return false; // a type variable, an intersection: nothing to be sure of
        }
        TypeMirror erased = types.erasure(type);
        if (types.isSameType(erased, list)) {
            List<? extends TypeMirror> arguments = ((DeclaredType) type).getTypeArguments();
            return arguments.size() == 1 && isCarried(bound(arguments.get(0)));
        }
        return carried.stream().anyMatch(carriedType -> types.isAssignable(erased, carriedType));
    }

    /** A wildcard's upper bound ({@code ? extends Path}: Path); an unbounded wildcard has none worth carrying. */
    private static TypeMirror bound(TypeMirror argument) {
        if (argument instanceof WildcardType wildcard) {
            TypeMirror extendsBound = wildcard.getExtendsBound();
            return extendsBound != null ? extendsBound : wildcard;
        }
        return argument;
    }
}
