package io.dataseq.image;

import static org.bytedeco.opencv.global.opencv_core.CV_8U;

import io.dataseq.RecordContext;
import io.dataseq.timing.Stage;
import io.dataseq.timing.StageClock;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.ReadOnlyBufferException;
import java.util.Objects;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Decodes images as an {@link ImageSpec} declares them and writes them as float32 channels-first values, straight
 * into a batch buffer. For a file or its bytes:
 * <ol>
 *   <li>read the file into native memory that the thread keeps for the next image (no {@code byte[]});</li>
 *   <li>read the header ({@link ImageHeader}): reject a file that declares more than {@code maxPixels} pixels, or is
 *       visibly truncated or corrupt, before decoding it;</li>
 *   <li>decode with OpenCV's {@code imdecode}, as gray or BGR, at 1/2, 1/4 or 1/8 scale when the JPEG is at least
 *       that many times the declared size ({@code IMREAD_REDUCED_*}, libjpeg's DCT scaling);</li>
 *   <li>for a training record, augment as the spec declares ({@link ImageSpec#augments()}): crop before the
 *       resize, then rotate, mirror and change brightness and contrast on the resized image. The crop, rotation
 *       and mirror are drawn from a stream of the record ({@link RecordContext#recordRandom()}, split), the same
 *       for every image of the record, so that a mask is cropped, turned and mirrored with its image; brightness
 *       and contrast from the output's own {@link RecordContext#random()};</li>
 *   <li>resize to the declared size, if it differs;</li>
 *   <li>for each output channel, convert the 8-bit plane to float32 with the channel's scale and offset, directly
 *       into its place in the batch: channel {@code c} of the image at {@code offset} fills
 *       {@code offset + c * height * width ..}. RGB order costs nothing: it is the order the planes are written.</li>
 * </ol>
 * A returned {@code Mat} joins at step 4, after a colour conversion if its channels differ. No float64, no
 * {@code INDArray}, no {@code ImageIO}, no per-image Java array. Steps 1 to 3 are done once for the outputs of a
 * record that return the same file or bytes, given the record's {@link DecodedImages}.
 *
 * <p>Thread-safe: each thread keeps its own file buffer and working images (resized, converted, split), reused from
 * one image to the next; those that a rare image grew beyond 16 MiB are released after it.
 */
public final class ImageDecoder {
    private final ImageSpec spec;
    // This class runs the steps and times them; each role is its own class, so that each reads in one sitting.
    private final EncodedImages encoded;
    private final PixelTransform transform;
    private final ChwPlanes planes;
    private final DecodedImages.Form form;
    private final ThreadLocal<ImageScratch> scratch;

    /**
     * Returns when OpenCV's native libraries load; otherwise throws {@link IllegalStateException} saying which
     * dependency to add. A sequence with {@code @Image} outputs checks this when it is built, so a missing library
     * is one clear error, not a failure of every record (which {@code SKIP} would skip).
     */
    public static void requireNatives() {
        OpenCvLibraries.require();
    }

    /** A decoder of images as {@code spec} declares them. Loads nothing native until the first image. */
    public ImageDecoder(ImageSpec spec) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.encoded = new EncodedImages(spec);
        this.transform = new PixelTransform(spec);
        this.planes = new ChwPlanes(spec);
        this.form = DecodedImages.Form.of(spec);
        this.scratch = ThreadLocal.withInitial(() -> new ImageScratch(spec));
    }

    /** What this decoder produces. */
    public ImageSpec spec() {
        return spec;
    }

    /**
     * Decodes {@code source} and writes its {@link ImageSpec#length()} values, channels first, at {@code offset}
     * of {@code target}. A direct buffer in native byte order (a batch's buffer) is written in place by OpenCV; any
     * other buffer gets a copy. A {@code Mat} source is released, whether decoding succeeds or not.
     *
     * @throws ImageDecodeException when the image is missing, unreadable, empty, truncated, corrupt, not an image,
     *     or over the pixel limit; the message names the file
     * @throws IndexOutOfBoundsException when the values would not fit below {@code target}'s limit at
     *     {@code offset}
     * @throws ReadOnlyBufferException when {@code target} is read-only
     */
    public void decode(ImageSource source, FloatBuffer target, int offset) throws ImageDecodeException {
        decode(source, null, target, offset, StageClock.OFF);
    }

    /**
     * {@link #decode(ImageSource, FloatBuffer, int)}, with a lap on {@code clock} after each stage: reading the
     * file ({@link Stage#READ}), header check and decode ({@link Stage#DECODE}), colour conversion, augmentation
     * and resize ({@link Stage#TRANSFORM}), and the float32 planes written into {@code target}
     * ({@link Stage#ASSEMBLE}).
     */
    public void decode(ImageSource source, FloatBuffer target, int offset, StageClock clock)
            throws ImageDecodeException {
        decode(source, null, target, offset, clock);
    }

    /**
     * As {@link #decode(ImageSource, FloatBuffer, int)}, and augmented as the spec declares when {@code context}
     * is of a training sequence ({@link RecordContext#training()}): the crop, rotation and mirror drawn from
     * {@code context.recordRandom()} (split), the same for every image of the record, and the brightness and
     * contrast from {@code context.random()}, the output's own; so they depend only on (seed, epoch, record) and the
     * output. A null context, or one of a validation sequence, decodes the image as it is.
     */
    public void decode(ImageSource source, RecordContext context, FloatBuffer target, int offset)
            throws ImageDecodeException {
        decode(source, context, target, offset, StageClock.OFF);
    }

    /** {@link #decode(ImageSource, RecordContext, FloatBuffer, int)}, timed on {@code clock} stage by stage. */
    public void decode(ImageSource source, RecordContext context, FloatBuffer target, int offset, StageClock clock)
            throws ImageDecodeException {
        decode(source, context, null, target, offset, clock);
    }

    /**
     * {@link #decode(ImageSource, RecordContext, FloatBuffer, int, StageClock)}, reading and decoding a file or
     * bytes only if {@code shared} (the record's decoded images; null: none) does not hold them decoded alike yet,
     * and leaving them there, for the record's other outputs, until it is closed.
     */
    public void decode(ImageSource source, RecordContext context, DecodedImages shared, FloatBuffer target,
            int offset, StageClock clock) throws ImageDecodeException {
        Objects.requireNonNull(source, "source");
        intoTarget(target, offset, source, clock, (working, augmentation, values, at) -> decodeInto(source, shared,
                working, clock, decoded -> write(decoded, augmentation, source.toString(), working, values, at,
                        clock)), context);
    }

    /**
     * The bytes of one image as {@link #decodePixels} keeps it: {@code height * width * channels}, one byte a
     * value.
     */
    public int pixelBytes() {
        return spec.length();
    }

    /**
     * Decodes {@code source} to the declared size and channels, as 8-bit pixels in the batch's layout (channels
     * first, each a plane of rows; R, G, B for RGB), neither augmented nor scaled, and puts its {@link #pixelBytes()}
     * at index {@code index} of {@code pixels} (a direct buffer): what a record store keeps of an image, so that each
     * epoch can augment it anew with {@link #assemblePixels}. A {@code Mat} source is released.
     *
     * @throws ImageDecodeException as {@link #decode(ImageSource, FloatBuffer, int)} does
     * @throws IllegalArgumentException when {@code pixels} is not direct, or has no room for {@link #pixelBytes()}
     *     at {@code index}
     */
    public void decodePixels(ImageSource source, ByteBuffer pixels, int index, StageClock clock)
            throws ImageDecodeException {
        decodePixels(source, null, pixels, index, clock);
    }

    /**
     * {@link #decodePixels(ImageSource, ByteBuffer, int, StageClock)}, sharing the decoded image through
     * {@code shared} (null: none) as
     * {@link #decode(ImageSource, RecordContext, DecodedImages, FloatBuffer, int, StageClock)} does.
     */
    public void decodePixels(ImageSource source, DecodedImages shared, ByteBuffer pixels, int index,
            StageClock clock) throws ImageDecodeException {
        Objects.requireNonNull(source, "source");
        if (!pixels.isDirect() || index < 0 || index > pixels.capacity() - pixelBytes()) {
            closeIfMat(source);
            throw new IllegalArgumentException("the pixels are written in place: a direct buffer with room for "
                    + pixelBytes() + " bytes at " + index + ", not " + pixels);
        }
        OpenCvLibraries.require();
        ImageScratch working = scratch.get();
        String name = source.toString();
        decodeInto(source, shared, working, clock, decoded -> {
            try {
                Mat sized = transform.apply(decoded, null, name, working);
                clock.lap(Stage.TRANSFORM);
                planes.keep(sized, working, pixels, index);
            } catch (RuntimeException e) {
                throw new ImageDecodeException(name, "could not be converted by OpenCV: " + e.getMessage(), e);
            }
        });
    }

    /**
     * Writes an image kept by {@link #decodePixels} (its {@link #pixelBytes()} at index {@code at} of
     * {@code pixels}, a direct buffer) as {@link #decode(ImageSource, RecordContext, FloatBuffer, int)} writes a
     * decoded one: augmented as the spec declares when {@code context} is of a training sequence, with the same
     * draws from {@code context}, then scaled into float32 channels first. A crop is taken from the kept image (at the
     * declared size) and resized back to it, where decoding a file crops the image as decoded.
     *
     * @throws ImageDecodeException when OpenCV fails on it
     */
    public void assemblePixels(ByteBuffer pixels, int at, RecordContext context, FloatBuffer target, int offset,
            StageClock clock) throws ImageDecodeException {
        if (!pixels.isDirect()) {
            throw new IllegalArgumentException("kept pixels are read in place: a direct buffer, not " + pixels);
        }
        Objects.checkFromIndexSize(at, pixelBytes(), pixels.limit());
        intoTarget(target, offset, null, clock, (working, augmentation, values, into) -> {
            try {
                if (augmentation == null) {
                    planes.writeKept(pixels, at, working, values, into);
                    clock.lap(Stage.ASSEMBLE);
                } else {
                    write(planes.mergeKept(pixels, at, working), augmentation, "a stored image", working, values,
                            into, clock);
                }
            } catch (RuntimeException e) {
                throw new ImageDecodeException("a stored image", "could not be converted by OpenCV: "
                        + e.getMessage(), e);
            }
        }, context);
    }

    /** Writes into {@code target} at {@code offset}: in place when OpenCV can write it, else through a copy. */
    private void intoTarget(FloatBuffer target, int offset, ImageSource source, StageClock clock, Writing writing,
            RecordContext context) throws ImageDecodeException {
        Objects.requireNonNull(target, "target");
        int length = spec.length();
        if (target.isReadOnly() || offset < 0 || offset > target.limit() - length) {
            closeIfMat(source);
            if (target.isReadOnly()) {
                throw new ReadOnlyBufferException();
            }
            throw new IndexOutOfBoundsException(length + " values at " + offset + " do not fit in a buffer of "
                    + target.limit());
        }
        OpenCvLibraries.require();
        ImageScratch working = scratch.get();
        // The geometry from a split of the record's stream: the same for every image of the record, and apart from
        // what a reader's methods draw from recordRandom() themselves.
        Augmentation augmentation = context != null && context.training() && spec.augments()
                ? Augmentation.draw(spec, context.recordRandom().split(), context.random())
                : null;
        if (target.isDirect() && target.order() == ByteOrder.nativeOrder()) {
            writing.write(working, augmentation, target, offset);
        } else {
            FloatBuffer values = working.floats(length);
            writing.write(working, augmentation, values, 0);
            target.put(offset, values, 0, length);
            clock.lap(Stage.ASSEMBLE);
        }
    }

    /** What {@link #intoTarget} writes, into a buffer OpenCV can write in place. */
    @FunctionalInterface
    private interface Writing {
        void write(ImageScratch working, Augmentation augmentation, FloatBuffer target, int offset)
                throws ImageDecodeException;
    }

    /** What is done with a decoded image, before it is released. */
    @FunctionalInterface
    private interface Decoded {
        void accept(Mat image) throws ImageDecodeException;
    }

    private static void closeIfMat(ImageSource source) {
        if (source instanceof ImageSource.MatImage image) {
            image.mat().close();
        }
    }

    /** Decodes {@code source} into a new array of {@link ImageSpec#length()} values; for tests and tools. */
    public float[] decode(ImageSource source) throws ImageDecodeException {
        float[] values = new float[spec.length()];
        decode(source, FloatBuffer.wrap(values), 0);
        return values;
    }

    /** The scale {@link EncodedImages} would decode this JPEG at; for tests and tools. */
    int reducedScale(ImageHeader header) {
        return encoded.reducedScale(header);
    }

    /**
     * Steps 1 to 3: reads and decodes {@code source} (or takes its {@code Mat}, or the image {@code shared} holds
     * decoded from it), and hands the image on; a decoded image is left in {@code shared} (when not null).
     */
    private void decodeInto(ImageSource source, DecodedImages shared, ImageScratch working, StageClock clock,
            Decoded then) throws ImageDecodeException {
        String name = source.toString();
        try {
            if (source instanceof ImageSource.MatImage image) {
                clock.lap(Stage.READ); // the reader made the Mat
                try (Mat mat = image.mat()) {
                    checkMat(mat, name);
                    then.accept(mat);
                }
                return;
            }
            Mat kept = shared == null ? null : shared.find(source, form);
            if (kept != null) {
                clock.lap(Stage.READ); // the reader's method; the file was read and decoded for another output
                then.accept(kept);
                return;
            }
            int size;
            if (source instanceof ImageSource.FileImage file) {
                size = working.read(file.path(), name);
            } else {
                byte[] bytes = ((ImageSource.EncodedImage) source).bytes();
                size = bytes.length;
                working.input(size).put(bytes);
            }
            clock.lap(Stage.READ);
            if (shared == null) {
                try (Mat decoded = encoded.decode(name, size, working)) {
                    clock.lap(Stage.DECODE);
                    then.accept(decoded);
                }
                return;
            }
            Mat decoded = encoded.decode(name, size, working);
            shared.keep(source, form, decoded); // released with the record's other images
            clock.lap(Stage.DECODE);
            then.accept(decoded);
        } finally {
            working.releaseIfLarge();
        }
    }

    /** Steps 4 to 6: colour conversion, augmentation, resize, and the planes written as float32. */
    private void write(Mat image, Augmentation augmentation, String name, ImageScratch working, FloatBuffer target,
            int offset, StageClock clock) throws ImageDecodeException {
        try {
            Mat pixels = transform.apply(image, augmentation, name, working);
            clock.lap(Stage.TRANSFORM);
            planes.write(pixels, working, target, offset);
            clock.lap(Stage.ASSEMBLE);
        } catch (RuntimeException e) {
            // OpenCV's own checks (an image too large to resize, say) arrive as RuntimeException
            throw new ImageDecodeException(name, "could not be converted by OpenCV: " + e.getMessage(), e);
        }
    }

    private static void checkMat(Mat mat, String name) throws ImageDecodeException {
        if (mat.isNull()) {
            throw new ImageDecodeException(name, "was already released; return a new Mat for every record, e.g. "
                    + "new Mat(kept) for an image kept elsewhere", null);
        }
        if (mat.empty()) {
            throw new ImageDecodeException(name, "is empty", null);
        }
        if (mat.depth() != CV_8U) {
            throw new ImageDecodeException(name, "has depth " + mat.depth() + ", not 8 bits per channel (CV_8U = "
                    + CV_8U + "); convert it with mat.convertTo(out, CV_8U, scale, 0)", null);
        }
    }
}
