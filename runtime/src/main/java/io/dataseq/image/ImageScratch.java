package io.dataseq.image;

import static org.bytedeco.opencv.global.opencv_core.CV_32FC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * One thread's working memory for {@link ImageDecoder}, kept from one image to the next: the file buffer, the
 * working images of each stage (converted, resized, rotated, flipped, levelled, split), the float plane headers and
 * the pointers to recent batch buffers. Reusing them, rather than allocating per image, is what keeps decoding free
 * of per-image native allocations; {@link #releaseIfLarge()} lets go of what a rare large image grew.
 */
final class ImageScratch {
    /** Working memory above this is released after each image rather than kept for the next. */
    private static final long KEEP_BYTES = 16L << 20;
    private static final int FIRST_INPUT_CAPACITY = 64 << 10;
    private static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 8;
    /** Batch buffers a worker writes into, remembered per thread: the window plus the one the consumer holds, and some. */
    private static final int TARGETS_KEPT = 16;

    final Size size;
    final Mat converted = new Mat();
    final Mat resized = new Mat();
    final Mat rotated = new Mat();
    final Mat flipped = new Mat();
    final Mat levelled = new Mat();
    /** An image whose rows are not one block of memory (a reader's ROI), copied into one before it is kept. */
    private final Mat continuous = new Mat();
    /** An image of the declared size merged from kept planes, to be augmented. */
    final Mat merged = new Mat();
    /** The kept planes, in OpenCV's channel order, for {@code merge}. */
    final MatVector keptPlanes;
    final MatVector planes;
    /** One float32 plane header per channel, re-pointed at each target row by {@link ChwPlanes}. */
    private final Mat[] planeHeaders;
    private final Mat[] bytePlaneHeaders;
    private final Mat allBytePlanes;
    private final Mat allFloatPlanes;
    /**
     * The last few buffers (batch buffers, a store's mapped chunks) and their base pointers, by identity; weak, so a
     * closed sequence's batch can go.
     */
    private final WeakReference<Buffer>[] targets;
    private final BytePointer[] targetPointers;
    private int nextTarget;
    BytePointer input;
    ByteBuffer inputView;
    private FloatBuffer floats;

    @SuppressWarnings({"unchecked", "rawtypes"}) // an array of a generic type, filled only with WeakReference<Buffer>
    ImageScratch(ImageSpec spec) {
        this.size = new Size(spec.width(), spec.height());
        this.keptPlanes = new MatVector(spec.channels().count());
        this.planes = new MatVector(spec.channels().count());
        this.planeHeaders = new Mat[spec.channels().count()];
        this.bytePlaneHeaders = new Mat[planeHeaders.length];
        for (int c = 0; c < planeHeaders.length; c++) {
            planeHeaders[c] = new Mat(spec.height(), spec.width(), CV_32FC1);
            bytePlaneHeaders[c] = new Mat(spec.height(), spec.width(), CV_8UC1);
        }
        this.allBytePlanes = new Mat(planeHeaders.length * spec.height(), spec.width(), CV_8UC1);
        this.allFloatPlanes = new Mat(planeHeaders.length * spec.height(), spec.width(), CV_32FC1);
        this.targets = new WeakReference[TARGETS_KEPT];
        this.targetPointers = new BytePointer[TARGETS_KEPT];
    }

    Mat planeHeader(int c) {
        return planeHeaders[c];
    }

    /** One 8-bit plane header per channel, re-pointed at kept pixels by {@link ChwPlanes}. */
    Mat bytePlaneHeader(int c) {
        return bytePlaneHeaders[c];
    }

    /** Headers over all channels' planes at once ({@code channels * height} rows): 8-bit, and float32. */
    Mat allBytePlanes() {
        return allBytePlanes;
    }

    Mat allFloatPlanes() {
        return allFloatPlanes;
    }

    /**
     * Points {@code header} (of {@code bytes} bytes of data) at {@code base + offset}: every data field moves, so
     * that it is a whole view and an OpenCV function writing through it does not allocate. A {@code void*}
     * argument's position counts bytes.
     */
    static void point(Mat header, BytePointer base, long offset, long bytes) {
        base.position(offset);
        header.data(base).datastart(base);
        base.position(offset + bytes);
        header.dataend(base).datalimit(base);
        base.position(0);
    }

    /**
     * A pointer to {@code target}'s first value (a direct buffer: a batch buffer, or a store's chunk). A sequence has
     * a handful of them, so the pointers of the last few are kept rather than made for every image.
     */
    BytePointer pointerTo(Buffer target) {
        for (int i = 0; i < TARGETS_KEPT; i++) {
            if (targets[i] != null && targets[i].get() == target) {
                return targetPointers[i];
            }
        }
        int slot = nextTarget;
        nextTarget = (nextTarget + 1) % TARGETS_KEPT;
        targets[slot] = new WeakReference<>(target);
        targetPointers[slot] = target instanceof FloatBuffer floats
                ? new BytePointer(new FloatPointer(floats.duplicate().clear()))
                : new BytePointer(((ByteBuffer) target).duplicate().clear());
        return targetPointers[slot];
    }

    /** Puts {@code bytes} of {@code image}'s 8-bit pixels (rows, columns, channels) at {@code index} of {@code into}. */
    void copyPixels(Mat image, ByteBuffer into, int index, int bytes) {
        Mat pixels = image;
        if (!pixels.isContinuous()) {
            pixels.copyTo(continuous);
            pixels = continuous;
        }
        if (pixels.total() * pixels.elemSize() != bytes) {
            throw new IllegalStateException("an image of " + pixels.total() * pixels.elemSize() + " bytes where "
                    + bytes + " were expected");
        }
        BytePointer data = pixels.data();
        data.limit(bytes);
        into.put(index, data.asByteBuffer(), 0, bytes);
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

    /**
     * Reads {@code file} into {@link #input}; returns its size. Only a regular file is opened: opening a named pipe
     * (or a device) blocks until another process writes to it, which may be never, and a worker stuck in
     * {@code open(2)} cannot be interrupted.
     */
    int read(Path file, String name) throws ImageDecodeException {
        try {
            if (!Files.readAttributes(file, BasicFileAttributes.class).isRegularFile()) {
                throw new ImageDecodeException(name, "is not a regular file (a directory, a named pipe or a"
                        + " device), so it is not opened: reading it could block a worker for ever", null);
            }
        } catch (NoSuchFileException e) {
            throw new ImageDecodeException(name, "does not exist", e);
        } catch (IOException e) {
            throw new ImageDecodeException(name, "could not be read: " + e.getMessage(), e);
        }
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
        // An empty Mat first: OpenCV 4.13 (JavaCV 1.5.13) asserts in elemSize() on a Mat with no data, and
        // `converted` is empty whenever an image needed no conversion or failed before it.
        if (!converted.empty() && converted.total() * converted.elemSize() > KEEP_BYTES) {
            converted.release();
        }
    }
}
