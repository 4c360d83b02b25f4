package org.crystograph.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.Consumer;

/**
 * Copies Java arrays into arrays whose memory libtorch owns, so that it is freed when the array is closed.
 *
 * <p>DJL's {@code NDManager.create(float[], Shape)} copies the data into a new direct {@link ByteBuffer} and wraps
 * that buffer without copying ({@code torch::from_blob}). Closing the array then frees nothing: the buffer's memory
 * goes back only when a garbage collection finds the buffer unreachable. A batch's inputs take as much direct
 * memory as its Java arrays take heap, so between two collections the dead buffers of every batch since the last one
 * pile up, and an allocator that keeps freed pages for reuse keeps the highest pile resident. Here the data passes
 * through a direct buffer that is freed as soon as libtorch has made its own copy.
 */
final class NativeArrays {

    /** {@code sun.misc.Unsafe}, to free a direct buffer at once; null where the JDK does not offer it. */
    private static final sun.misc.Unsafe UNSAFE = unsafe();

    private NativeArrays() {
    }

    /** A float32 array of the given shape holding {@code data}. */
    static NDArray floats(NDManager manager, float[] data, Shape shape) {
        return copied(manager, (long) data.length * Float.BYTES, b -> b.asFloatBuffer().put(data), shape,
                DataType.FLOAT32);
    }

    /** A one-dimensional int64 array holding {@code data}. */
    static NDArray longs(NDManager manager, long[] data) {
        return copied(manager, (long) data.length * Long.BYTES, b -> b.asLongBuffer().put(data),
                new Shape(data.length), DataType.INT64);
    }

    /** Fills a staging buffer of {@code bytes}, lets libtorch clone it, and frees it. */
    private static NDArray copied(NDManager manager, long bytes, Consumer<ByteBuffer> fill, Shape shape,
            DataType type) {
        ByteBuffer staging = ByteBuffer.allocateDirect(Math.toIntExact(bytes)).order(ByteOrder.nativeOrder());
        try {
            fill.accept(staging);
            try (NDArray view = manager.create(staging, shape, type)) {
                return view.duplicate();
            }
        } finally {
            free(staging);
        }
    }

    private static void free(ByteBuffer buffer) {
        if (UNSAFE != null) {
            UNSAFE.invokeCleaner(buffer);
        }
    }

    private static sun.misc.Unsafe unsafe() {
        try {
            Field field = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
            field.setAccessible(true);
            return (sun.misc.Unsafe) field.get(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null; // the buffers are then freed by the garbage collector, as DJL's own
        }
    }
}
