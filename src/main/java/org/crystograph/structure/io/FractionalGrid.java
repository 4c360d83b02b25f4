package org.crystograph.structure.io;

import java.util.Arrays;

/**
 * Points in fractional coordinates (wrapped into [0, 1)) hashed into a periodic grid, for finding an existing point
 * within a per-component periodic tolerance in constant time: the readers' merge test
 * ({@code all |d - round(d)| < tol}, as pymatgen's {@code find_in_coord_list_pbc}).
 */
final class FractionalGrid {

    /** Below this many bins per axis the 27 neighbouring bins are not distinct; then every point is scanned. */
    private static final int MIN_BINS_FOR_NEIGHBOURS = 3;
    private static final int MAX_BINS_PER_AXIS = 64;

    private final int bins;
    private final double tol;
    private final int[] head;
    private int[] next = new int[16];
    private double[] xyz = new double[48];
    private int size;

    /**
     * @param expected the number of points expected (sizes the grid)
     * @param tolerance per-component fractional tolerance; bins are never narrower than it
     */
    FractionalGrid(int expected, double tolerance) {
        int perAxis = (int) Math.cbrt(Math.max(1, expected));
        perAxis = Math.min(perAxis, Math.min(MAX_BINS_PER_AXIS, (int) (1 / tolerance)));
        this.bins = Math.max(1, perAxis);
        this.tol = tolerance;
        this.head = new int[bins * bins * bins];
        Arrays.fill(head, -1);
    }

    int size() {
        return size;
    }

    /** Adds point i = size() (coordinates in [0, 1)) and returns its index. */
    int add(double x, double y, double z) {
        if (size == next.length) {
            next = Arrays.copyOf(next, size * 2);
            xyz = Arrays.copyOf(xyz, size * 6);
        }
        xyz[3 * size] = x;
        xyz[3 * size + 1] = y;
        xyz[3 * size + 2] = z;
        int cell = cell(bin(x), bin(y), bin(z));
        next[size] = head[cell];
        head[cell] = size;
        return size++;
    }

    /** Index of the earliest-added point within the tolerance of (x, y, z) (in [0, 1)), or -1. */
    int find(double x, double y, double z) {
        if (bins < MIN_BINS_FOR_NEIGHBOURS) {
            for (int i = 0; i < size; i++) {
                if (close(i, x, y, z)) {
                    return i;
                }
            }
            return -1;
        }
        int bx = bin(x);
        int by = bin(y);
        int bz = bin(z);
        int best = -1;
        for (int dx = -1; dx <= 1; dx++) {
            for (int dy = -1; dy <= 1; dy++) {
                for (int dz = -1; dz <= 1; dz++) {
                    int cell = cell(Math.floorMod(bx + dx, bins), Math.floorMod(by + dy, bins), Math.floorMod(bz + dz, bins));
                    for (int i = head[cell]; i >= 0; i = next[i]) {
                        if (close(i, x, y, z) && (best < 0 || i < best)) {
                            best = i;
                        }
                    }
                }
            }
        }
        return best;
    }

    /** Largest periodic component difference between point i and (x, y, z). */
    double distance(int i, double x, double y, double z) {
        return Math.max(periodic(xyz[3 * i] - x), Math.max(periodic(xyz[3 * i + 1] - y), periodic(xyz[3 * i + 2] - z)));
    }

    private boolean close(int i, double x, double y, double z) {
        return periodic(xyz[3 * i] - x) < tol && periodic(xyz[3 * i + 1] - y) < tol && periodic(xyz[3 * i + 2] - z) < tol;
    }

    static double periodic(double d) {
        return Math.abs(d - Math.rint(d));
    }

    private int bin(double f) {
        int b = (int) (f * bins);
        return b >= bins ? bins - 1 : Math.max(b, 0);
    }

    private int cell(int bx, int by, int bz) {
        return (bx * bins + by) * bins + bz;
    }

    /** Wraps a fractional coordinate into [0, 1). */
    static double wrap(double f) {
        double w = f - Math.floor(f);
        return w >= 1.0 ? 0.0 : w;
    }
}
