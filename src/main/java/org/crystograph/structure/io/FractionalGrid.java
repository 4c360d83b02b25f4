package org.crystograph.structure.io;

import java.util.Arrays;

/**
 * Points in fractional coordinates (wrapped into [0, 1)) hashed into a periodic grid, for finding an existing point
 * within a per-component periodic tolerance in constant time: the readers' merge test
 * ({@code all |d - round(d)| < tol}, as pymatgen's {@code find_in_coord_list_pbc}).
 *
 * <p>Bins are as narrow as the tolerance allows ({@code floor(1 / tol)} per axis, at most {@link #MAX_BINS_PER_AXIS}),
 * and only occupied bins are stored, in an open-addressing hash table. The readers only add a point when no point lies
 * within the tolerance, so a bin (narrower than twice the tolerance) holds at most 8 points and a look-up costs 27
 * bins whatever the number of points or how closely they cluster: 20,000 atoms piled within a fraction of an Angstrom
 * cost as little as 20,000 spread through the cell. While the grid holds at most {@link #SCAN_ALL_MAX_POINTS} points a
 * look-up scans them all instead, which is cheaper. (With a tolerance below 1 / {@link #MAX_BINS_PER_AXIS} bins are
 * wider than twice the tolerance and may hold more points.)
 */
final class FractionalGrid {

    /** Below this many bins per axis the 27 neighbouring bins are not distinct; then every point is scanned. */
    private static final int MIN_BINS_FOR_NEIGHBOURS = 3;
    /** Up to this many points a scan of all of them is cheaper than probing 27 bins (most structures are small). */
    private static final int SCAN_ALL_MAX_POINTS = 32;
    /** Bins per axis at most (2^20), so that a bin's key (three indices) fits in a long. */
    private static final int MAX_BINS_PER_AXIS = 1 << 20;
    private static final int INITIAL_CAPACITY = 16;
    private static final long EMPTY = -1L;

    private final long bins;
    private final double tol;
    /** Hash table of occupied bins: key (bin index) and the first point in it (a chain through {@link #next}). */
    private long[] keys;
    private int[] heads;
    private int occupied;
    private int[] next = new int[INITIAL_CAPACITY];
    private double[] xyz = new double[3 * INITIAL_CAPACITY];
    private int size;

    /**
     * @param expected the number of points expected (sizes the table; more may be added)
     * @param tolerance per-component fractional tolerance; bins are never narrower than it
     */
    FractionalGrid(int expected, double tolerance) {
        this.bins = Math.max(1, Math.min(MAX_BINS_PER_AXIS, (long) Math.floor(1 / tolerance)));
        this.tol = tolerance;
        int capacity = Integer.highestOneBit(Math.max(INITIAL_CAPACITY, Math.min(1 << 28, 2 * expected)) - 1) << 1;
        this.keys = new long[capacity];
        this.heads = new int[capacity];
        Arrays.fill(keys, EMPTY);
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
        long key = key(bin(x), bin(y), bin(z));
        int slot = slot(key);
        if (keys[slot] == EMPTY) {
            keys[slot] = key;
            heads[slot] = -1;
            occupied++;
        }
        next[size] = heads[slot];
        heads[slot] = size;
        if (2 * occupied > keys.length) {
            grow();
        }
        return size++;
    }

    /** Index of the earliest-added point within the tolerance of (x, y, z) (in [0, 1)), or -1. */
    int find(double x, double y, double z) {
        if (bins < MIN_BINS_FOR_NEIGHBOURS || size <= SCAN_ALL_MAX_POINTS) {
            for (int i = 0; i < size; i++) {
                if (close(i, x, y, z)) {
                    return i;
                }
            }
            return -1;
        }
        long bx = bin(x);
        long by = bin(y);
        long bz = bin(z);
        int best = -1;
        for (int dx = -1; dx <= 1; dx++) {
            for (int dy = -1; dy <= 1; dy++) {
                for (int dz = -1; dz <= 1; dz++) {
                    int slot = slot(key(Math.floorMod(bx + dx, bins), Math.floorMod(by + dy, bins),
                            Math.floorMod(bz + dz, bins)));
                    if (keys[slot] == EMPTY) {
                        continue;
                    }
                    for (int i = heads[slot]; i >= 0; i = next[i]) {
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

    private long bin(double f) {
        long b = (long) (f * bins);
        return b >= bins ? bins - 1 : Math.max(b, 0);
    }

    private long key(long bx, long by, long bz) {
        return (bx * bins + by) * bins + bz;
    }

    /** The slot holding {@code key}, or the empty slot where it belongs (linear probing). */
    private int slot(long key) {
        int mask = keys.length - 1;
        long h = key * 0x9E3779B97F4A7C15L;
        int s = (int) (h ^ (h >>> 32)) & mask;
        while (keys[s] != EMPTY && keys[s] != key) {
            s = (s + 1) & mask;
        }
        return s;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldHeads = heads;
        keys = new long[oldKeys.length * 2];
        heads = new int[oldKeys.length * 2];
        Arrays.fill(keys, EMPTY);
        for (int s = 0; s < oldKeys.length; s++) {
            if (oldKeys[s] != EMPTY) {
                int t = slot(oldKeys[s]);
                keys[t] = oldKeys[s];
                heads[t] = oldHeads[s];
            }
        }
    }

    /** Wraps a fractional coordinate into [0, 1). */
    static double wrap(double f) {
        double w = f - Math.floor(f);
        return w >= 1.0 ? 0.0 : w;
    }
}
