package io.dataseq.processor;

import java.util.List;

/**
 * The rules that only streaming readers have (see {@link Descriptor}): every reading method takes the descriptor,
 * the descriptor is a type the generated class can name, no method writing its row (a reader with {@code @Size} is
 * never a streaming one: see {@link Descriptor}); and
 * {@code stepsPerEpoch}, which is meaningful for them alone. The return types, shapes and classes of their methods
 * follow the random access rules, in {@link MethodRules}.
 */
final class StreamingRules {

    /** Checks {@code stepsPerEpoch} for any reader, and the streaming rules for a streaming one. */
    void check(ReaderModel model, List<Diagnostic> diagnostics) {
        checkStepsPerEpoch(model, model.isStreaming(), diagnostics);
        model.descriptor().ifPresent(descriptor -> checkStreaming(model, descriptor, diagnostics));
    }

    private static void checkStepsPerEpoch(ReaderModel model, boolean streaming, List<Diagnostic> diagnostics) {
        int steps = model.settings().stepsPerEpoch();
        if (steps < 0) {
            diagnostics.add(onSetting(Message.STEPS_PER_EPOCH_INVALID, model, steps));
        } else if (steps > 0 && !streaming) {
            diagnostics.add(onSetting(Message.STEPS_PER_EPOCH_IGNORED, model, steps));
        }
    }

    private static void checkStreaming(ReaderModel model, Descriptor descriptor, List<Diagnostic> diagnostics) {
        if (!descriptor.isReference()) {
            diagnostics.add(on(Message.STREAMING_DESCRIPTOR_TYPE, descriptor.declaredBy(), descriptor.display()));
        }
        for (ReaderMethod method : model.readingMethods()) {
            // The runtime's streaming fetcher has no binding that writes rows: one message, not a parameter quarrel.
            if (method.writesRow() && method.role() != MethodRole.DESCRIBE) {
                diagnostics.add(on(Message.DIRECT_STREAMING, method));
            } else if (!descriptor.fits(method)) {
                diagnostics.add(on(Message.STREAMING_MIXED_PARAMETERS, method, descriptor.expected(method),
                        descriptor.declaredBy().signature(), descriptor.display()));
            }
        }
    }

    private static Diagnostic on(Message message, ReaderMethod method, Object... more) {
        Object[] args = new Object[more.length + 2];
        args[0] = method.role().display();
        args[1] = method.signature();
        System.arraycopy(more, 0, args, 2, more.length);
        return Diagnostic.of(message, method.declaration(), method.annotation().mirror(), null, args);
    }

    private static Diagnostic onSetting(Message message, ReaderModel model, int steps) {
        return Diagnostic.of(message, model.type(), model.annotation().mirror(),
                model.annotation().written("stepsPerEpoch"), model.readerDisplay(), steps);
    }
}
