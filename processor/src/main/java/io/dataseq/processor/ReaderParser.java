package io.dataseq.processor;

import com.palantir.javapoet.ClassName;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.Name;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Reads a reader class into a {@link ReaderModel}. Emits nothing: judging the reader is the validator's business, so
 * the model keeps whatever the user wrote, however wrong.
 */
final class ReaderParser {
    /** DataSeq's annotation types, which a reader's file imports on demand, by simple name. */
    private static final Map<String, String> ANNOTATION_TYPES = Stream.of(RuntimeNames.DATA_SEQUENCE,
                    RuntimeNames.SIZE, RuntimeNames.FEATURES, RuntimeNames.LABEL, RuntimeNames.DESCRIBE,
                    RuntimeNames.IMAGE, RuntimeNames.ERROR_POLICY_CLASS.canonicalName())
            .collect(Collectors.toMap(name -> name.substring(name.lastIndexOf('.') + 1), name -> name));
    private final Elements elements;
    private final Types types;
    private final SourceDeclarations declarations;
    private final AnnotatedMethods annotatedMethods;
    private final CarriedTypes carriedTypes;
    private final TypeMirror runtimeException;
    private final TypeMirror error;
    /** The types of {@code java.lang} by simple name, listed when a sequence's name is first checked against them. */
    private Map<String, TypeElement> javaLang;

    ReaderParser(Elements elements, Types types, SourceDeclarations declarations) {
        this.elements = elements;
        this.types = types;
        this.declarations = declarations;
        this.annotatedMethods = new AnnotatedMethods(elements);
        this.carriedTypes = new CarriedTypes(elements, types);
        // Looked up once: the JDK's own, the same in every build.
        this.runtimeException = elements.getTypeElement("java.lang.RuntimeException").asType();
        this.error = elements.getTypeElement("java.lang.Error").asType();
    }

    /**
     * The model of {@code type}, which carries {@code @DataSequence}; empty when something it depends on is not
     * resolved yet (see {@link Unresolved}).
     */
    Optional<ReaderModel> parse(TypeElement type) {
        try {
            return Optional.of(read(type));
        } catch (Unresolved unresolved) {
            return Optional.empty();
        }
    }

    /**
     * {@code method}'s annotation of {@code role} if the type declaring it has no {@code @DataSequence} and cannot be
     * a reader's supertype: an interface or an abstract class may be one, whose annotated methods readers inherit.
     */
    Optional<StrayAnnotation> parseStray(ExecutableElement method, MethodRole role) {
        Element enclosing = method.getEnclosingElement();
        if (AnnotationRef.find(enclosing, RuntimeNames.DATA_SEQUENCE, elements).isPresent()
                || enclosing.getKind() == ElementKind.INTERFACE
                || enclosing.getModifiers().contains(Modifier.ABSTRACT)) {
            return Optional.empty();
        }
        AnnotationRef annotation = AnnotationRef.find(method, role.annotationName(), elements).orElseThrow();
        return Optional.of(new StrayAnnotation(
                method, role, annotation, signature(method), enclosing.getSimpleName().toString()));
    }

    /** {@code method} as messages name it, e.g. {@code pixels(int, RecordContext)}. */
    private static String signature(ExecutableElement method) {
        List<String> parameters = method.getParameters().stream()
                .map(parameter -> TypeNames.display(parameter.asType()))
                .collect(Collectors.toList());
        return method.getSimpleName() + "(" + String.join(", ", TypeNames.asWritten(parameters, method.isVarArgs()))
                + ")";
    }

    private ReaderModel read(TypeElement type) {
        AnnotationRef annotation = AnnotationRef.find(type, RuntimeNames.DATA_SEQUENCE, elements).orElseThrow();
        SequenceSettings settings = new SequenceSettings(
                annotation.intValue("batchSize"),
                annotation.booleanValue("shuffle"),
                annotation.longValue("seed"),
                annotation.booleanValue("dropLast"),
                annotation.intValue("workers"),
                annotation.intValue("prefetch"),
                annotation.enumValue("onError"),
                annotation.booleanValue("perWorker"),
                annotation.booleanValue("distributed"),
                annotation.stringValue("name"),
                annotation.intValue("stepsPerEpoch"));
        ClassName readerName = ClassName.get(type);
        String sequencePackage = readerName.packageName();
        String sequenceSimpleName = settings.name().isEmpty()
                ? String.join("_", readerName.simpleNames()) + "Sequence"
                : settings.name();
        List<ReaderMethod> methods = new ArrayList<>();
        List<ReaderModel.LonelyImage> lonelyImages = new ArrayList<>();
        for (AnnotatedMethods.Found found : annotatedMethods.of(type)) {
            readMethods(type, found, methods, lonelyImages);
        }
        return new ReaderModel(
                type,
                annotation,
                settings,
                readerName,
                isPublicAllTheWay(type),
                sequencePackage,
                sequenceSimpleName,
                hiddenType(sequenceSimpleName),
                methods,
                Descriptor.of(methods),
                settings.distributed() ? uncarriedParameter(type) : Optional.empty(),
                nonFinalFields(type),
                lonelyImages);
    }

    /**
     * The type that {@code simpleName} names in the files of any package without an import: a public type of
     * {@code java.lang}, or one of DataSeq's annotation types, which readers import on demand
     * ({@code io.dataseq.annotation.*}). A type of the package itself comes before both.
     */
    private Optional<String> hiddenType(String simpleName) {
        if (ANNOTATION_TYPES.containsKey(simpleName)) {
            return Optional.of(ANNOTATION_TYPES.get(simpleName));
        }
        if (javaLang == null) {
            // java.lang's types, listed once: the platform's own, the same in every build.
            javaLang = new HashMap<>();
            PackageElement lang = elements.getPackageElement("java.lang");
            if (lang != null) {
                for (TypeElement type : ElementFilter.typesIn(lang.getEnclosedElements())) {
                    javaLang.put(type.getSimpleName().toString(), type);
                }
            }
        }
        TypeElement type = javaLang.get(simpleName);
        return type != null && type.getModifiers().contains(Modifier.PUBLIC)
                ? Optional.of(type.getQualifiedName().toString())
                : Optional.empty();
    }

    /**
     * What keeps a distributed reader from being made on an executor by a serialisable lambda (see
     * {@link ReaderModel#uncarriedParameter}): the reader's constructors and static factories returning it that other
     * classes can call, in declaration order, and the first parameter of the first one that a lambda cannot carry,
     * unless one takes only parameters it can.
     */
    private Optional<ReaderModel.UncarriedParameter> uncarriedParameter(TypeElement type) {
        List<ExecutableElement> makers = new ArrayList<>(ElementFilter.constructorsIn(type.getEnclosedElements()));
        ElementFilter.methodsIn(type.getEnclosedElements()).stream()
                .filter(method -> method.getModifiers().contains(Modifier.STATIC)
                        && types.isSameType(method.getReturnType(), type.asType()))
                .forEach(makers::add);
        Optional<ReaderModel.UncarriedParameter> first = Optional.empty();
        for (ExecutableElement maker : makers) {
            if (maker.getModifiers().contains(Modifier.PRIVATE)) {
                continue;
            }
            Optional<ReaderModel.UncarriedParameter> uncarried = uncarried(type, maker);
            if (uncarried.isEmpty()) {
                return uncarried;
            }
            first = first.or(() -> uncarried);
        }
        return first;
    }

    /** The first parameter of {@code maker}, a constructor or factory of {@code type}, that a lambda cannot carry. */
    private Optional<ReaderModel.UncarriedParameter> uncarried(TypeElement type, ExecutableElement maker) {
        maker.getParameters().forEach(parameter -> resolved(parameter.asType()));
        List<String> parameters = displays(maker.getParameters().stream().map(Element::asType).toList());
        Name name = maker.getKind() == ElementKind.CONSTRUCTOR ? type.getSimpleName() : maker.getSimpleName();
        String signature = name + "(" + String.join(", ", TypeNames.asWritten(parameters, maker.isVarArgs())) + ")";
        return maker.getParameters().stream()
                .filter(parameter -> !carriedTypes.isCarried(parameter.asType()))
                .findFirst()
                .map(parameter -> new ReaderModel.UncarriedParameter(parameterDeclaration(type, maker, parameter),
                        parameter.getSimpleName().toString(), TypeNames.display(parameter.asType()), signature));
    }

    /**
     * Where diagnostics about {@code parameter} of {@code maker} point: the parameter, or for the canonical
     * constructor of a record, the component's field, as for an implicit accessor (see {@link #ownDeclaration}).
     */
    private Element parameterDeclaration(TypeElement type, ExecutableElement maker, VariableElement parameter) {
        List<? extends RecordComponentElement> components = type.getRecordComponents();
        List<? extends VariableElement> parameters = maker.getParameters();
        boolean canonical = maker.getKind() == ElementKind.CONSTRUCTOR && components.size() == parameters.size()
                && IntStream.range(0, parameters.size()).allMatch(i -> types.isSameType(
                        components.get(i).asType(), parameters.get(i).asType()));
        if (!canonical) {
            return parameter;
        }
        Name component = components.get(parameters.indexOf(parameter)).getSimpleName();
        return ElementFilter.fieldsIn(type.getEnclosedElements()).stream()
                .filter(field -> field.getSimpleName().equals(component))
                .findFirst()
                .map(Element.class::cast)
                .orElse(parameter);
    }

    /**
     * The instance fields of {@code type} and of its supertypes outside the JDK ({@link AnnotatedMethods#supertypes},
     * the same ones whose methods it inherits) that are not final: the reader's own first, then its superclass's, and
     * so on, each class's in declaration order. A superclass's field, private or not, is state the reader's inherited
     * methods may write. (An interface's fields are static.)
     */
    private static List<VariableElement> nonFinalFields(TypeElement type) {
        List<TypeElement> declaring = new ArrayList<>(AnnotatedMethods.supertypes(type));
        declaring.add(type);
        Collections.reverse(declaring);
        return declaring.stream()
                .flatMap(declared -> ElementFilter.fieldsIn(declared.getEnclosedElements()).stream())
                .filter(field -> !field.getModifiers().contains(Modifier.FINAL)
                        && !field.getModifiers().contains(Modifier.STATIC))
                .collect(Collectors.toList());
    }

    /**
     * Reads {@code found} into a {@link ReaderMethod} per role annotation it has, or, with only {@code @Image}, into a
     * {@link ReaderModel.LonelyImage}.
     */
    private void readMethods(TypeElement reader, AnnotatedMethods.Found found, List<ReaderMethod> methods,
            List<ReaderModel.LonelyImage> lonelyImages) {
        ExecutableElement annotated = found.annotated();
        Optional<AnnotationRef> image = AnnotationRef.find(annotated, RuntimeNames.IMAGE, elements);
        boolean hasRole = false;
        for (MethodRole role : MethodRole.values()) {
            Optional<AnnotationRef> annotation = AnnotationRef.find(annotated, role.annotationName(), elements);
            if (annotation.isPresent()) {
                hasRole = true;
                methods.add(readMethod(reader, found, role, annotation.get(), image));
            }
        }
        if (!hasRole && image.isPresent()) {
            ExecutableType type = memberType(reader, found.called());
            String signature = owner(reader, found.called()) + found.called().getSimpleName() + "("
                    + String.join(", ", TypeNames.asWritten(displays(type.getParameterTypes()),
                            found.called().isVarArgs()))
                    + ")";
            lonelyImages.add(new ReaderModel.LonelyImage(declaration(reader, found), ImageDeclaration.read(image.get()),
                    signature));
        }
    }

    private ReaderMethod readMethod(TypeElement reader, AnnotatedMethods.Found found, MethodRole role,
            AnnotationRef annotation, Optional<AnnotationRef> image) {
        ExecutableElement method = found.called();
        ExecutableType type = memberType(reader, method);
        List<? extends TypeMirror> parameters = type.getParameterTypes();
        resolved(type.getReturnType());
        parameters.forEach(ReaderParser::resolved);
        method.getThrownTypes().forEach(ReaderParser::resolved);
        boolean isLabel = role == MethodRole.LABEL;
        return new ReaderMethod(
                method,
                type,
                declaration(reader, found),
                owner(reader, method),
                inaccessible(reader, method),
                role,
                annotation,
                TypeNames.canonical(type.getReturnType()),
                TypeNames.display(type.getReturnType()),
                parameters.stream().map(TypeNames::canonical).collect(Collectors.toList()),
                displays(parameters),
                checkedExceptions(method),
                role.isOutput() ? annotation.intValues("shape") : List.of(),
                isLabel ? annotation.intValue("classes") : 0,
                isLabel ? annotation.stringValues("names") : List.of(),
                outputName(method, role, annotation),
                role.isOutput() ? annotation.intValue("order") : -1,
                image.map(ImageDeclaration::read));
    }

    private static List<String> displays(List<? extends TypeMirror> types) {
        return types.stream().map(TypeNames::display).collect(Collectors.toList());
    }

    /** {@code method} as a member of {@code reader}: a supertype's type variables replaced by the reader's types. */
    private ExecutableType memberType(TypeElement reader, ExecutableElement method) {
        if (method.getEnclosingElement().equals(reader) || !(reader.asType() instanceof DeclaredType declared)) {
            return (ExecutableType) method.asType();
        }
        try {
            return (ExecutableType) types.asMemberOf(declared, method);
        } catch (IllegalArgumentException notAMember) {
            return (ExecutableType) method.asType(); // e.g. a supertype's private method: reported as such
        }
    }

    /** What messages put before an inherited method's name, e.g. {@code "Base."}; nothing for the reader's own. */
    private static String owner(TypeElement reader, ExecutableElement method) {
        Element owner = method.getEnclosingElement();
        return owner.equals(reader) || !(owner instanceof TypeElement type)
                ? ""
                : String.join(".", ClassName.get(type).simpleNames()) + ".";
    }

    /**
     * Why the generated sequence, in the reader's package, cannot call {@code method}, which the reader inherits from
     * another package: {@code "protected"} or {@code "package-private"}; empty when it can. (A private method is
     * METHOD_PRIVATE's business.)
     */
    private String inaccessible(TypeElement reader, ExecutableElement method) {
        Set<Modifier> modifiers = method.getModifiers();
        if (modifiers.contains(Modifier.PUBLIC) || modifiers.contains(Modifier.PRIVATE)
                || method.getEnclosingElement().getKind() == ElementKind.INTERFACE
                || elements.getPackageOf(method).equals(elements.getPackageOf(reader))) {
            return "";
        }
        return modifiers.contains(Modifier.PROTECTED) ? "protected" : "package-private";
    }

    /**
     * Where diagnostics about a method point: the reader's own method (or, for a record's implicit accessor, the
     * record component, see {@link #ownDeclaration}); for an inherited one, the declaration that carries the
     * annotations if it is in the sources being compiled, else the reader, since a class file has no line to show.
     */
    private Element declaration(TypeElement reader, AnnotatedMethods.Found found) {
        if (found.called().getEnclosingElement().equals(reader)) {
            return ownDeclaration(found.called());
        }
        return declarations.mayPointAt(found.annotated()) ? found.annotated() : reader;
    }

    /**
     * Where diagnostics about the reader's own {@code method} point: the method, or for a record's implicit accessor,
     * whose annotation was written on the record component, the component's field (the component itself has no
     * position that javac can report). When the compiler cannot tell an implicit accessor from a written one, an
     * accessor counts as implicit: the component is still the right line to look at.
     */
    private Element ownDeclaration(ExecutableElement method) {
        TypeElement type = (TypeElement) method.getEnclosingElement();
        if (type.getKind() != ElementKind.RECORD || declarations.hasOwnDeclaration(method)) {
            return method;
        }
        for (RecordComponentElement component : type.getRecordComponents()) {
            if (method.equals(component.getAccessor())) {
                return ElementFilter.fieldsIn(type.getEnclosedElements()).stream()
                        .filter(field -> field.getSimpleName().equals(component.getSimpleName()))
                        .findFirst()
                        .map(Element.class::cast)
                        .orElse(component);
            }
        }
        return method;
    }

    private static String outputName(ExecutableElement method, MethodRole role, AnnotationRef annotation) {
        String name = role.isOutput() ? annotation.stringValue("name") : "";
        return name.isEmpty() ? method.getSimpleName().toString() : name;
    }

    private List<String> checkedExceptions(ExecutableElement method) {
        return method.getThrownTypes().stream()
                .filter(thrown -> !types.isSubtype(thrown, runtimeException) && !types.isSubtype(thrown, error))
                .map(TypeNames::display)
                .collect(Collectors.toList());
    }

    private static void resolved(TypeMirror type) {
        if (!TypeNames.isResolved(type)) {
            throw new Unresolved(type.toString());
        }
    }

    private static boolean isPublicAllTheWay(TypeElement type) {
        for (Element element = type; element instanceof TypeElement; element = element.getEnclosingElement()) {
            if (!element.getModifiers().contains(Modifier.PUBLIC)) {
                return false;
            }
        }
        return true;
    }
}
