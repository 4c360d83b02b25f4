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
    void floats_copyTheDataAndHoldNoDirectBuffer() throws InterruptedException {
        float[] data = new float[COUNT];
        Random rnd = new Random(3);
        for (int i = 0; i < COUNT; i++) {
            data[i] = rnd.nextFloat();
        }
        try (NDManager m = NDManager.newBaseManager()) {
            long before = settledDirectBytes();
            NDArray a = NativeArrays.floats(m, data, new Shape(COUNT / 4, 4));
            long held = directBytes() - before;
            assertThat(a.getShape()).isEqualTo(new Shape(COUNT / 4, 4));
            assertThat(a.toFloatArray()).isEqualTo(data);
            assertThat(held).as("direct bytes held after the copy").isLessThan(COUNT);
        }
    }

    @Test
    void longs_copyTheDataAndHoldNoDirectBuffer() throws InterruptedException {
        long[] data = new long[COUNT];
        for (int i = 0; i < COUNT; i++) {
            data[i] = (long) i * 31 - 7;
        }
        try (NDManager m = NDManager.newBaseManager()) {
            long before = settledDirectBytes();
            NDArray a = NativeArrays.longs(m, data);
            long held = directBytes() - before;
            assertThat(a.toLongArray()).isEqualTo(data);
            assertThat(held).as("direct bytes held after the copy").isLessThan(COUNT);
        }
    }

    @Test
    void djlCreate_holdsItsDirectBufferWhileTheArrayLives() throws InterruptedException {
        // the behaviour NativeArrays exists for: if DJL ever copies, this fails and the class can go
        float[] data = new float[COUNT];
        try (NDManager m = NDManager.newBaseManager()) {
            long before = settledDirectBytes();
            NDArray a = m.create(data, new Shape(COUNT));
            assertThat(directBytes() - before).isGreaterThanOrEqualTo((long) COUNT * Float.BYTES);
            a.close();
        }
    }

    /**
     * Direct bytes in use once earlier tests' unreachable buffers are collected and freed, so that a collection
     * between two readings cannot shrink the difference (the data arrays are allocated before this is called).
     */
    private static long settledDirectBytes() throws InterruptedException {
        System.gc();
        long last = directBytes();
        for (int i = 0; i < 50; i++) {
            Thread.sleep(20);
            long now = directBytes();
            if (now == last) {
                return now;
            }
            last = now;
        }
        return last;
    }

    private static long directBytes() {
        return ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(p -> p.getName().equals("direct"))
                .mapToLong(BufferPoolMXBean::getMemoryUsed)
                .sum();
    }
}
