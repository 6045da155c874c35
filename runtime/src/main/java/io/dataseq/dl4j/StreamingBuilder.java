package io.dataseq.dl4j;

import io.dataseq.internal.core.PassPlan;
import io.dataseq.internal.core.PlanSettings;
import io.dataseq.internal.stream.StreamSettings;
import io.dataseq.internal.stream.StreamingPlanSource;
import io.dataseq.stream.DescriptorCodec;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The settings of a streaming reader's sequence: every setting of {@link SequenceBuilder}, plus the few only a
 * stream has. The generated {@code <Reader>Sequence.Builder} of a reader whose methods take a descriptor extends it.
 * See {@code docs/streaming.md}.
 *
 * @param <D> the descriptor type
 * @param <S> the generated sequence type
 * @param <B> the generated builder type
 */
public abstract class StreamingBuilder<D, S, B extends StreamingBuilder<D, S, B>> extends SequenceBuilder<S, B> {
    private final StreamingPlanSource<?, D> streams;
    private int stepsPerEpoch;
    private int shuffleBuffer = StreamSettings.DEFAULT_SHUFFLE_BUFFER;
    private Path spillDirectory;
    private DescriptorCodec<D> spillCodec;

    /** Starts from the defaults over {@code source} (generated code passes {@code BINDING.over(readers, source)}). */
    protected StreamingBuilder(StreamingPlanSource<?, D> source) {
        super(source);
        this.streams = source;
    }

    /**
     * Streams instead of recording: every epoch is {@code steps} batches of an endless stream, nothing being kept
     * beyond the batches in flight; a finite source is opened again when it ends. For endless sources (which need
     * it) and for sources too long to keep. 0 (the default) records a finite source in the first epoch.
     */
    public final B stepsPerEpoch(int steps) {
        this.stepsPerEpoch = steps;
        return self();
    }

    /**
     * With {@code stepsPerEpoch} and {@code shuffle}: the records of each block of {@code records} consecutive ones
     * of an epoch come in a seeded order (a shuffle buffer of that size, the same for any worker count); default
     * {@value StreamSettings#DEFAULT_SHUFFLE_BUFFER}. Larger mixes more and keeps more descriptors in memory.
     */
    public final B shuffleBuffer(int records) {
        this.shuffleBuffer = records;
        return self();
    }

    /**
     * Keeps the recording on disk instead of the heap, for sources too long to hold: each descriptor pulled is
     * written with {@code codec} to a temporary file in {@code directory}, with an index of 8 bytes per descriptor,
     * and read back by position. The heap holds a few buffers, whatever the number of descriptors; the batches are
     * the same as with the recording on the heap, for a codec that gives back equal descriptors. The files are
     * deleted by {@code close()}. A failure to write a descriptor ends the epoch like a failing source (a
     * {@link io.dataseq.stream.SourceException} naming the position and the file); a failure to read one back is
     * that record's failure, under the error policy. Not with {@code stepsPerEpoch}, which records nothing. See
     * {@link DescriptorCodec#utf8()} and {@link DescriptorCodec#paths()}.
     */
    public final B spillTo(Path directory, DescriptorCodec<D> codec) {
        this.spillDirectory = Objects.requireNonNull(directory, "directory");
        this.spillCodec = Objects.requireNonNull(codec, "codec");
        return self();
    }

    @Override
    PassPlan plan(PlanSettings settings) {
        if (cache != null) {
            throw new IllegalStateException("cache(" + cache + ") is for random access readers; a stream's records"
                    + " are not cached yet");
        }
        return streams.plan(settings, new StreamSettings<>(stepsPerEpoch, shuffleBuffer, spillDirectory, spillCodec));
    }
}
