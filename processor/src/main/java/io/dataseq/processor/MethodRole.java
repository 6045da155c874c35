package io.dataseq.processor;

/** What an annotated reader method is for, named after its annotation. */
enum MethodRole {
    SIZE(RuntimeNames.SIZE, "@Size"),
    FEATURES(RuntimeNames.FEATURES, "@Features"),
    LABEL(RuntimeNames.LABEL, "@Label"),
    DESCRIBE(RuntimeNames.DESCRIBE, "@Describe");

    private final String annotationName;
    private final String display;

    MethodRole(String annotationName, String display) {
        this.annotationName = annotationName;
        this.display = display;
    }

    /** The qualified name of the annotation that gives this role. */
    String annotationName() {
        return annotationName;
    }

    /** The annotation as a user writes it, e.g. {@code @Features}: the subject of messages. */
    String display() {
        return display;
    }

    /**
     * Whether the method reads a part of the batch (the features or a label), so that its annotation has the
     * {@code shape} and {@code name} attributes.
     */
    boolean isOutput() {
        return this == FEATURES || this == LABEL;
    }

    /** The role given by the annotation named {@code qualifiedName}, or null if it gives none. */
    static MethodRole forAnnotation(String qualifiedName) {
        for (MethodRole role : values()) {
            if (role.annotationName.equals(qualifiedName)) {
                return role;
            }
        }
        return null;
    }
}
