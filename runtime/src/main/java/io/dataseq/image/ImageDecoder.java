package io.dataseq.image;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.CV_32FC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.BORDER_REFLECT_101;
import static org.bytedeco.opencv.global.opencv_core.flip;
import static org.bytedeco.opencv.global.opencv_core.split;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_GRAYSCALE;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_COLOR_2;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_COLOR_4;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_COLOR_8;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_GRAYSCALE_2;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_GRAYSCALE_4;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_GRAYSCALE_8;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGRA2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGRA2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_GRAY2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_CUBIC;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_NEAREST;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.getRotationMatrix2D;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.bytedeco.opencv.global.opencv_imgproc.warpAffine;

import io.dataseq.RecordContext;
import io.dataseq.annotation.Image.Channels;
import io.dataseq.annotation.Image.Interpolation;
import io.dataseq.image.ImageHeader.Format;
import io.dataseq.timing.Stage;
import io.dataseq.timing.StageClock;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Point2f;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

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
 *       resize, then rotate, mirror and change brightness and contrast on the resized image, each drawn from the
 *       record's {@link RecordContext#random()};</li>
 *   <li>resize to the declared size, if it differs;</li>
 *   <li>for each output channel, convert the 8-bit plane to float32 with the channel's scale and offset, directly
 *       into its place in the batch: channel {@code c} of the image at {@code offset} fills
 *       {@code offset + c * height * width ..}. RGB order costs nothing: it is the order the planes are written.</li>
 * </ol>
 * A returned {@code Mat} joins at step 4, after a colour conversion if its channels differ. No float64, no
 * {@code INDArray}, no {@code ImageIO}, no per-image Java array.
 *
 * <p>Thread-safe: each thread keeps its own file buffer and working images (resized, converted, split), reused from
 * one image to the next; those that a rare image grew beyond 16 MiB are released after it.
 */
public final class ImageDecoder {
    /** Working memory above this is released after each image rather than kept for the next. */
    private static final long KEEP_BYTES = 16L << 20;
    private static final int FIRST_INPUT_CAPACITY = 64 << 10;
    private static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 8;

    private final ImageSpec spec;
    private final int interpolation;
    /** Batch buffers a worker writes into, remembered per thread: the window plus the one the consumer holds, and some. */
    private static final int TARGETS_KEPT = 16;

    private final ThreadLocal<Scratch> scratch;

    /** A decoder of images as {@code spec} declares them. Loads nothing native until the first image. */
    public ImageDecoder(ImageSpec spec) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.interpolation = openCvInterpolation(spec.interpolation());
        this.scratch = ThreadLocal.withInitial(() -> new Scratch(spec));
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
     * is of a training sequence ({@link RecordContext#training()}); the random changes are drawn from
     * {@code context.random()}, so they depend only on (seed, epoch, record). A null context, or one of a
     * validation sequence, decodes the image as it is.
     */
    public void decode(ImageSource source, RecordContext context, FloatBuffer target, int offset)
            throws ImageDecodeException {
        decode(source, context, target, offset, StageClock.OFF);
    }

    /** {@link #decode(ImageSource, RecordContext, FloatBuffer, int)}, timed on {@code clock} stage by stage. */
    public void decode(ImageSource source, RecordContext context, FloatBuffer target, int offset, StageClock clock)
            throws ImageDecodeException {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        int length = spec.length();
        if (target.isReadOnly() || offset < 0 || offset > target.limit() - length) {
            if (source instanceof ImageSource.MatImage image) {
                image.mat().close();
            }
            if (target.isReadOnly()) {
                throw new ReadOnlyBufferException();
            }
            throw new IndexOutOfBoundsException(length + " values at " + offset + " do not fit in a buffer of "
                    + target.limit());
        }
        OpenCvLibraries.require();
        Scratch working = scratch.get();
        Augmentation augmentation = context != null && context.training() && spec.augments()
                ? Augmentation.draw(spec, context.random())
                : null;
        if (target.isDirect() && target.order() == ByteOrder.nativeOrder()) {
            decodeInto(source, augmentation, working, target, offset, clock);
        } else {
            FloatBuffer values = working.floats(length);
            decodeInto(source, augmentation, working, values, 0, clock);
            target.put(offset, values, 0, length);
            clock.lap(Stage.ASSEMBLE);
        }
    }

    /** Decodes {@code source} into a new array of {@link ImageSpec#length()} values; for tests and tools. */
    public float[] decode(ImageSource source) throws ImageDecodeException {
        float[] values = new float[spec.length()];
        decode(source, FloatBuffer.wrap(values), 0);
        return values;
    }

    private void decodeInto(ImageSource source, Augmentation augmentation, Scratch working, FloatBuffer target,
            int offset, StageClock clock)
            throws ImageDecodeException {
        String name = source.toString();
        try {
            if (source instanceof ImageSource.MatImage image) {
                clock.lap(Stage.READ); // the reader made the Mat
                try (Mat mat = image.mat()) {
                    checkMat(mat, name);
                    write(mat, augmentation, name, working, target, offset, clock);
                }
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
            try (Mat decoded = decodeEncoded(name, size, working)) {
                clock.lap(Stage.DECODE);
                write(decoded, augmentation, name, working, target, offset, clock);
            }
        } finally {
            working.releaseIfLarge();
        }
    }

    /**
     * Steps 2 and 3: checks the header, then decodes into a new image. Not into a reused one: when OpenCV finds no
     * decoder or no header, it leaves a reused target as it was, holding the previous image; and reusing it
     * measured no faster (allocation is small beside decoding).
     */
    private Mat decodeEncoded(String name, int size, Scratch working) throws ImageDecodeException {
        if (size == 0) {
            throw new ImageDecodeException(name, "is empty (0 bytes)", null);
        }
        ImageHeader header = ImageHeader.read(working.inputView, size);
        if (header.hasSize() && header.pixels() > spec.maxPixels()) {
            throw new ImageDecodeException(name, "declares " + header.width() + "x" + header.height() + " = "
                    + header.pixels() + " pixels, more than the limit of " + spec.maxPixels()
                    + " (@Image maxPixels); it was not decoded", null);
        }
        if (header.problem() != null) {
            throw new ImageDecodeException(name, header.problem(), null);
        }
        int flags = imreadFlags(reducedScale(header));
        Mat decoded;
        try (Mat encoded = new Mat(1, size, CV_8UC1, working.input)) {
            decoded = imdecode(encoded, flags);
        } catch (RuntimeException e) {
            throw new ImageDecodeException(name, "could not be decoded by OpenCV: " + e.getMessage(), e);
        }
        if (decoded.empty()) {
            decoded.close();
            throw new ImageDecodeException(name, undecodable(header, size, working.inputView), null);
        }
        return decoded;
    }

    /**
     * The largest of 8, 4 and 2 by which the JPEG can be reduced while still covering the declared size (after its
     * EXIF orientation), or 1. Only JPEG: for other formats OpenCV's reduced modes decode fully and then resize
     * with its own filter, which would be slower and differ from the declared one.
     */
    int reducedScale(ImageHeader header) {
        if (!spec.reducedDecode() || spec.interpolation() == Interpolation.NEAREST || header.format() != Format.JPEG
                || !header.hasSize()) {
            return 1;
        }
        // A random crop keeps as little as cropScale of each dimension, which must still cover the declared size.
        double width = spec.width() / spec.cropScale();
        double height = spec.height() / spec.cropScale();
        for (int scale = 8; scale > 1; scale /= 2) {
            if (width * scale <= header.orientedWidth() && height * scale <= header.orientedHeight()) {
                return scale;
            }
        }
        return 1;
    }

    private int imreadFlags(int scale) {
        boolean gray = spec.channels() == Channels.GRAY;
        switch (scale) {
            case 8:
                return gray ? IMREAD_REDUCED_GRAYSCALE_8 : IMREAD_REDUCED_COLOR_8;
            case 4:
                return gray ? IMREAD_REDUCED_GRAYSCALE_4 : IMREAD_REDUCED_COLOR_4;
            case 2:
                return gray ? IMREAD_REDUCED_GRAYSCALE_2 : IMREAD_REDUCED_COLOR_2;
            default:
                return gray ? IMREAD_GRAYSCALE : IMREAD_COLOR;
        }
    }

    /** Steps 4 to 6: colour conversion, augmentation, resize, and the planes written as float32. */
    private void write(Mat image, Augmentation augmentation, String name, Scratch working, FloatBuffer target,
            int offset, StageClock clock) throws ImageDecodeException {
        try {
            convert(image, augmentation, name, working, target, offset, clock);
        } catch (RuntimeException e) {
            // OpenCV's own checks (an image too large to resize, say) arrive as RuntimeException
            throw new ImageDecodeException(name, "could not be converted by OpenCV: " + e.getMessage(), e);
        }
    }

    private void convert(Mat image, Augmentation augmentation, String name, Scratch working, FloatBuffer target,
            int offset, StageClock clock) throws ImageDecodeException {
        Mat pixels = image;
        int wanted = spec.channels().count();
        if (pixels.channels() != wanted) {
            cvtColor(pixels, working.converted, conversion(pixels.channels(), wanted, name));
            pixels = working.converted;
        }
        if (augmentation != null && augmentation.crops()) {
            int[] crop = augmentation.cropRectangle(pixels.cols(), pixels.rows());
            // A header over the crop's pixels, not a copy: the resize reads through it.
            try (Rect rectangle = new Rect(crop[0], crop[1], crop[2], crop[3]);
                    Mat cropped = new Mat(pixels, rectangle)) {
                resize(cropped, working.resized, working.size, 0, 0, interpolation);
            }
            pixels = working.resized;
        } else if (pixels.rows() != spec.height() || pixels.cols() != spec.width()) {
            resize(pixels, working.resized, working.size, 0, 0, interpolation);
            pixels = working.resized;
        }
        if (augmentation != null) {
            pixels = augment(pixels, augmentation, working);
        }
        clock.lap(Stage.TRANSFORM);
        int plane = spec.height() * spec.width();
        BytePointer values = working.pointerTo(target);
        if (wanted == 1) {
            writePlane(pixels, working.planeHeader(0), values, offset, 0);
            clock.lap(Stage.ASSEMBLE);
            return;
        }
        split(pixels, working.planes);
        for (int c = 0; c < wanted; c++) {
            // split gives OpenCV's B, G, R: RGB takes them in reverse
            int from = spec.channels() == Channels.RGB ? wanted - 1 - c : c;
            writePlane(working.planes.get(from), working.planeHeader(c), values, offset + c * plane, c);
        }
        clock.lap(Stage.ASSEMBLE);
    }

    /**
     * The changes after the resize, on the small image: rotation (bilinear, edges reflected), mirror, then
     * contrast and brightness in one saturating {@code convertTo}.
     */
    private Mat augment(Mat pixels, Augmentation augmentation, Scratch working) {
        Mat result = pixels;
        if (augmentation.rotates()) {
            try (Point2f centre = new Point2f((spec.width() - 1) / 2f, (spec.height() - 1) / 2f);
                    Mat rotation = getRotationMatrix2D(centre, augmentation.angle(), 1);
                    Scalar border = new Scalar()) {
                warpAffine(result, working.rotated, rotation, working.size, INTER_LINEAR, BORDER_REFLECT_101,
                        border);
            }
            result = working.rotated;
        }
        if (augmentation.flip()) {
            flip(result, working.flipped, 1);
            result = working.flipped;
        }
        if (augmentation.adjustsLevels()) {
            result.convertTo(working.levelled, -1, augmentation.contrast(), augmentation.levelOffset());
            result = working.levelled;
        }
        return result;
    }

    /**
     * Converts one 8-bit plane into float32 at {@code index} of {@code values}, in place, scaled for {@code c}.
     * {@code header} is the thread's float plane header, pointed at the target row here: no native object is made
     * per image (making and freeing a {@code Mat} and a {@code Pointer} per plane cost more than the conversion).
     */
    private void writePlane(Mat plane, Mat header, BytePointer values, int index, int c) {
        long start = values.address() + Float.BYTES * (long) index;
        long end = start + Float.BYTES * (long) spec.height() * spec.width();
        // A void* argument's position counts bytes; every data field moves, so the header is a whole view.
        values.position(start - values.address());
        header.data(values).datastart(values);
        values.position(end - values.address());
        header.dataend(values).datalimit(values);
        values.position(0);
        // Same size and type as the header: convertTo writes through it rather than allocating.
        plane.convertTo(header, CV_32F, spec.scale(c), spec.offset(c));
    }

    private static int conversion(int channels, int wanted, String name) throws ImageDecodeException {
        if (wanted == 1 && channels == 3) {
            return COLOR_BGR2GRAY;
        }
        if (wanted == 1 && channels == 4) {
            return COLOR_BGRA2GRAY;
        }
        if (wanted == 3 && channels == 1) {
            return COLOR_GRAY2BGR;
        }
        if (wanted == 3 && channels == 4) {
            return COLOR_BGRA2BGR;
        }
        throw new ImageDecodeException(name, "has " + channels + " channels; an image must have 1 (gray), 3 (BGR) "
                + "or 4 (BGRA)", null);
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

    private static String undecodable(ImageHeader header, int size, ByteBuffer bytes) {
        switch (header.format()) {
            case GIF:
                return "is a GIF, which OpenCV 4.5.5 cannot decode; convert it to PNG";
            case UNKNOWN:
                return "is not an image OpenCV can decode (" + size + " bytes, starting " + preview(bytes, size)
                        + ")";
            default:
                return "is a corrupt " + header.format() + ": OpenCV could not decode it";
        }
    }

    /** The first bytes in hex and as text, e.g. {@code 68 65 6c 6c "hell"}. */
    private static String preview(ByteBuffer bytes, int size) {
        int count = Math.min(size, 8);
        StringBuilder hex = new StringBuilder();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            int b = bytes.get(i) & 0xFF;
            hex.append(String.format("%02x ", b));
            text.append(b >= 0x20 && b < 0x7F ? (char) b : '.');
        }
        return hex.append('"').append(text).append('"').toString();
    }

    private static int openCvInterpolation(Interpolation interpolation) {
        switch (interpolation) {
            case LINEAR:
                return INTER_LINEAR;
            case CUBIC:
                return INTER_CUBIC;
            case NEAREST:
                return INTER_NEAREST;
            default:
                return INTER_AREA;
        }
    }

    /** One thread's working memory, kept from one image to the next. */
    private static final class Scratch {
        final Size size;
        final Mat converted = new Mat();
        final Mat resized = new Mat();
        final Mat rotated = new Mat();
        final Mat flipped = new Mat();
        final Mat levelled = new Mat();
        final MatVector planes;
        /** One float32 plane header per channel, re-pointed at each target row by {@link #writePlane}. */
        final Mat[] planeHeaders;
        /** The last few targets and their base pointers, by identity; weak, so a closed sequence's batch can go. */
        private final WeakReference<FloatBuffer>[] targets;
        private final BytePointer[] targetPointers;
        private int nextTarget;
        BytePointer input;
        ByteBuffer inputView;
        FloatBuffer floats;

        @SuppressWarnings("unchecked") // an array of a generic type, filled only with WeakReference<FloatBuffer>
        Scratch(ImageSpec spec) {
            this.size = new Size(spec.width(), spec.height());
            this.planes = new MatVector(spec.channels().count());
            this.planeHeaders = new Mat[spec.channels().count()];
            for (int c = 0; c < planeHeaders.length; c++) {
                planeHeaders[c] = new Mat(spec.height(), spec.width(), CV_32FC1);
            }
            this.targets = new WeakReference[TARGETS_KEPT];
            this.targetPointers = new BytePointer[TARGETS_KEPT];
        }

        Mat planeHeader(int c) {
            return planeHeaders[c];
        }

        /**
         * A pointer to {@code target}'s first value (a direct buffer). A sequence has a handful of batch buffers, so
         * the pointers of the last few are kept rather than made for every image.
         */
        BytePointer pointerTo(FloatBuffer target) {
            for (int i = 0; i < TARGETS_KEPT; i++) {
                if (targets[i] != null && targets[i].get() == target) {
                    return targetPointers[i];
                }
            }
            int slot = nextTarget;
            nextTarget = (nextTarget + 1) % TARGETS_KEPT;
            targets[slot] = new WeakReference<>(target);
            targetPointers[slot] = new BytePointer(new FloatPointer(target.duplicate().clear()));
            return targetPointers[slot];
        }

        /** A native buffer of at least {@code size} bytes, limited to {@code size}, from position 0. */
        ByteBuffer input(int size) {
            if (input == null || input.capacity() < size) {
                if (input != null) {
                    input.close();
                }
                input = new BytePointer(Math.max(size, FIRST_INPUT_CAPACITY));
                inputView = input.asByteBuffer();
            }
            inputView.clear().limit(size);
            return inputView;
        }

        /** Reads {@code file} into {@link #input}; returns its size. */
        int read(Path file, String name) throws ImageDecodeException {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                long size = channel.size();
                if (size > MAX_FILE_BYTES) {
                    throw new IOException("it has " + size + " bytes, more than an image may have");
                }
                ByteBuffer buffer = input((int) size);
                while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                    // a file that shrank while being read ends early; its header check then says so
                }
                return buffer.position();
            } catch (NoSuchFileException e) {
                throw new ImageDecodeException(name, "does not exist", e);
            } catch (AccessDeniedException e) {
                throw new ImageDecodeException(name, "cannot be read: access denied", e);
            } catch (IOException e) {
                throw new ImageDecodeException(name, "could not be read: " + e.getMessage(), e);
            }
        }

        /** A direct, native-order buffer of at least {@code length} floats, for targets OpenCV cannot write. */
        FloatBuffer floats(int length) {
            if (floats == null || floats.capacity() < length) {
                floats = ByteBuffer.allocateDirect(Float.BYTES * length).order(ByteOrder.nativeOrder())
                        .asFloatBuffer();
            }
            return floats;
        }

        /** Lets go of working memory that a rare large image grew, so that it does not stay per thread. */
        void releaseIfLarge() {
            if (input != null && input.capacity() > KEEP_BYTES) {
                input.close();
                input = null;
                inputView = null;
            }
            if (converted.total() * converted.elemSize() > KEEP_BYTES) {
                converted.release();
            }
        }
    }
}
