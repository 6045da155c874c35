package io.dataseq.internal;

import io.dataseq.RecordContext;
import java.nio.FloatBuffer;
import java.util.List;

/** A label read as a class index and written one-hot. */
final class ClassIndexOutput<R> extends Output<R> {
    private final IntMethod<R> method;
    private final List<String> classNames;

    ClassIndexOutput(String name, int classes, List<String> classNames, IntMethod<R> method) {
        super(name, new int[] {classes});
        if (classes < 2) {
            throw new IllegalArgumentException(name + ": a class label needs at least 2 classes, not " + classes);
        }
        if (!classNames.isEmpty() && classNames.size() != classes) {
            throw new IllegalArgumentException(name + ": " + classNames.size() + " class names for " + classes
                    + " classes");
        }
        this.method = method;
        this.classNames = classNames.isEmpty() ? defaultNames(classes) : List.copyOf(classNames);
    }

    @Override
    public List<String> classNames() {
        return classNames;
    }

    @Override
    public String valuesFingerprint() {
        return super.valuesFingerprint() + " " + classNames;
    }

    @Override
    public void write(R reader, int record, RecordContext context, FloatBuffer target, int offset)
            throws Exception {
        int index = method.read(reader, record, context);
        int classes = length();
        if (index < 0 || index >= classes) {
            throw new IllegalStateException(name() + " returned class " + index + " for record " + record
                    + "; it must be in 0.." + (classes - 1));
        }
        for (int i = 0; i < classes; i++) {
            target.put(offset + i, i == index ? 1f : 0f);
        }
    }

    private static List<String> defaultNames(int classes) {
        String[] names = new String[classes];
        for (int i = 0; i < classes; i++) {
            names[i] = Integer.toString(i);
        }
        return List.of(names);
    }
}
