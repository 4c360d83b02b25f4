package org.crystograph.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Batch inputs live in libtorch's memory, not in direct buffers that only a garbage collection frees. */
class NativeArraysTest {

    private static final int COUNT = 1 << 20;

    @Test
    void floats_copyTheDataAndHoldNoDirectBuffer() {
        float[] data = new float[COUNT];
        Random rnd = new Random(3);
        for (int i = 0; i < COUNT; i++) {
            data[i] = rnd.nextFloat();
        }
        try (NDManager m = NDManager.newBaseManager()) {
            long before = directBytes();
            NDArray a = NativeArrays.floats(m, data, new Shape(COUNT / 4, 4));
            long held = directBytes() - before;
            assertThat(a.getShape()).isEqualTo(new Shape(COUNT / 4, 4));
            assertThat(a.toFloatArray()).isEqualTo(data);
            assertThat(held).as("direct bytes held after the copy").isLessThan(COUNT);
        }
    }

    @Test
    void longs_copyTheDataAndHoldNoDirectBuffer() {
        long[] data = new long[COUNT];
        for (int i = 0; i < COUNT; i++) {
            data[i] = (long) i * 31 - 7;
        }
        try (NDManager m = NDManager.newBaseManager()) {
            long before = directBytes();
            NDArray a = NativeArrays.longs(m, data);
            long held = directBytes() - before;
            assertThat(a.toLongArray()).isEqualTo(data);
            assertThat(held).as("direct bytes held after the copy").isLessThan(COUNT);
        }
    }

    @Test
    void djlCreate_holdsItsDirectBufferWhileTheArrayLives() {
        // the behaviour NativeArrays exists for: if DJL ever copies, this fails and the class can go
        try (NDManager m = NDManager.newBaseManager()) {
            long before = directBytes();
            NDArray a = m.create(new float[COUNT], new Shape(COUNT));
            assertThat(directBytes() - before).isGreaterThanOrEqualTo((long) COUNT * Float.BYTES);
            a.close();
        }
    }

    private static long directBytes() {
        return ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(p -> p.getName().equals("direct"))
                .mapToLong(BufferPoolMXBean::getMemoryUsed)
                .sum();
    }
}
