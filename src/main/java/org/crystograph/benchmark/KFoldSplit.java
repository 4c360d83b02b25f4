package org.crystograph.benchmark;

import java.util.Arrays;

/**
 * scikit-learn {@code KFold(n_splits, shuffle=True, random_state=seed)} over {@code range(n)}: the shuffled order,
 * the fold sizes and the sorted test indices of each fold (UnconvBench spec section 3).
 *
 * @param n number of items
 * @param seed shuffle seed
 * @param order the shuffled order of 0..n-1 (numpy legacy {@code RandomState(seed).shuffle})
 * @param foldSizes test-fold sizes: floor(n/k) each, the first n mod k one more
 * @param test sorted test indices of each fold
 */
public record KFoldSplit(int n, long seed, int[] order, int[] foldSizes, int[][] test) {

    /** Validates and copies the arrays in. */
    public KFoldSplit {
        if (order.length != n) {
            throw new IllegalArgumentException("order has " + order.length + " entries, expected " + n);
        }
        order = order.clone();
        foldSizes = foldSizes.clone();
        test = Arrays.stream(test).map(int[]::clone).toArray(int[][]::new);
    }

    /**
     * Builds the split.
     *
     * @param n number of items, at least {@code folds}
     * @param folds number of folds, at least 2
     * @param seed shuffle seed in [0, 2^32)
     */
    public static KFoldSplit of(int n, int folds, long seed) {
        if (folds < 2) {
            throw new IllegalArgumentException("folds must be at least 2, got " + folds);
        }
        if (n < folds) {
            throw new IllegalArgumentException("n must be at least the number of folds (" + folds + "), got " + n);
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        new Mt19937(seed).shuffle(order);
        int[] sizes = new int[folds];
        int[][] test = new int[folds][];
        int start = 0;
        for (int k = 0; k < folds; k++) {
            sizes[k] = n / folds + (k < n % folds ? 1 : 0);
            test[k] = Arrays.copyOfRange(order, start, start + sizes[k]);
            Arrays.sort(test[k]);
            start += sizes[k];
        }
        return new KFoldSplit(n, seed, order, sizes, test);
    }

    /** Number of folds. */
    public int folds() {
        return foldSizes.length;
    }

    /** The fold whose test set holds each item: {@code result[i]} in [0, folds). */
    public int[] foldOfEach() {
        int[] fold = new int[n];
        for (int k = 0; k < test.length; k++) {
            for (int i : test[k]) {
                fold[i] = k;
            }
        }
        return fold;
    }

    /** Sorted training indices of fold k (every index not in test fold k). */
    public int[] train(int k) {
        int[] fold = foldOfEach();
        return java.util.stream.IntStream.range(0, n).filter(i -> fold[i] != k).toArray();
    }

    @Override
    public int[] order() {
        return order.clone();
    }

    @Override
    public int[] foldSizes() {
        return foldSizes.clone();
    }

    @Override
    public int[][] test() {
        return Arrays.stream(test).map(int[]::clone).toArray(int[][]::new);
    }
}
