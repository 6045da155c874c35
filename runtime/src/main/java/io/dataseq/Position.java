package io.dataseq;

import java.io.Serializable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a sequence is: everything needed to resume it exactly. A sequence built with the same reader, settings
 * and {@code resumeFrom(position)} delivers exactly the batches the saved one had not delivered yet, then goes on
 * with the following epochs as if it had never stopped.
 *
 * <p>Save it beside a checkpoint as text ({@link #toString()}, read back with {@link #parse}) or with Java
 * serialization; the text form is stable across releases: {@code seed=42 epoch=3 batch=17}.
 *
 * @param seed the seed of the sequence's order (a position only fits a sequence with the same seed)
 * @param epoch the epoch in progress, from 0
 * @param batch the next batch of that epoch to deliver, from 0
 */
public record Position(long seed, int epoch, int batch) implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Pattern TEXT = Pattern.compile("seed=(-?\\d+) epoch=(\\d+) batch=(\\d+)");

    /** Checks the numbers. */
    public Position {
        if (epoch < 0 || batch < 0) {
            throw new IllegalArgumentException("a position needs epoch >= 0 and batch >= 0, not epoch " + epoch
                    + ", batch " + batch);
        }
    }

    /**
     * Reads the text form that {@link #toString()} writes, e.g. {@code seed=42 epoch=3 batch=17} (surrounding white
     * space ignored).
     *
     * @throws IllegalArgumentException when {@code text} is not such a position
     */
    public static Position parse(CharSequence text) {
        Matcher matcher = TEXT.matcher(text.toString().strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a DataSeq position: \"" + text + "\"; expected the form"
                    + " \"seed=42 epoch=3 batch=17\"");
        }
        try {
            return new Position(Long.parseLong(matcher.group(1)), Integer.parseInt(matcher.group(2)),
                    Integer.parseInt(matcher.group(3)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a number of the position \"" + text + "\" is out of range", e);
        }
    }

    /** The stable text form, e.g. {@code seed=42 epoch=3 batch=17}, which {@link #parse} reads back. */
    @Override
    public String toString() {
        return "seed=" + seed + " epoch=" + epoch + " batch=" + batch;
    }
}
