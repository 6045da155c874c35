package io.dataseq.internal;

import io.dataseq.RecordContext;
import io.dataseq.image.ImageSource;

/**
 * A reader's {@code @Features @Image} method, bound by generated code, which wraps whatever it returns (a
 * {@code Path}, {@code File}, {@code String}, {@code byte[]} or {@code Mat}) with {@link ImageSource#of}, e.g.
 * {@code (reader, record, context) -> ImageSource.of(reader.photo(record))}.
 *
 * @param <R> the reader type
 */
@FunctionalInterface
public interface ImageMethod<R> {
    /** Reads {@code record}'s image from {@code reader}; called from worker threads, several at once. */
    ImageSource read(R reader, int record, RecordContext context) throws Exception;
}
