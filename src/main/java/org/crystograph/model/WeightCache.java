package org.crystograph.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.List;
import java.util.function.Supplier;

/**
 * Arrays a block derives from its weights alone (folded per-head products, weights padded for the matrix kernels),
 * kept between evaluation-mode forward passes so that a call computes only what depends on its input.
 *
 * <p>At batch 1 the default network's forward spent most of its time in per-operation overhead rather than in
 * arithmetic, and about 600 of its operations depended on the weights only. What is kept is exactly what the
 * computation produces (detached from autograd), so an evaluation gives the same numbers with or without it.
 *
 * <p>When it is recomputed: in training mode it is never used (autograd must see the weights) and is dropped; in
 * evaluation it is reused while the weight arrays are the same objects as when it was computed (loading weights
 * replaces them). Code that changes weights in place must call {@link Layers#weightsChanged}; {@code AdamW} does.
 * Evaluation-only use from several threads is safe (the arrays are built once, under a lock, and then only read);
 * training or changing weights while another thread evaluates is not, as it is not for the blocks themselves.
 */
final class WeightCache {

    /** A block holding weight-derived arrays. */
    interface Holder {
        /** Drops what was derived from the weights. */
        void weightsChanged();
    }

    private NDList derived;
    private NDArray[] sources;

    /**
     * The weight-derived arrays: computed by {@code compute} in training mode and whenever the weights differ from
     * those of the kept arrays, else the kept ones.
     *
     * @param weights the weight arrays the result is computed from (identity decides reuse)
     * @param compute the computation, run in the caller's context
     */
    synchronized NDList get(List<NDArray> weights, boolean training, Supplier<NDList> compute) {
        if (training) {
            clear();
            return compute.get();
        }
        if (derived != null && sameSources(weights)) {
            return derived;
        }
        clear();
        NDList fresh = compute.get();
        NDManager owner = weights.get(0).getManager();
        NDList kept = new NDList(fresh.size());
        for (NDArray a : fresh) {
            NDArray k = a == null ? null : a.stopGradient();
            if (k != null) {
                k.attach(owner);
                NDScope.unregister(k);
            }
            kept.add(k);
        }
        derived = kept;
        sources = weights.toArray(new NDArray[0]);
        return derived;
    }

    private boolean sameSources(List<NDArray> weights) {
        if (weights.size() != sources.length) {
            return false;
        }
        for (int i = 0; i < sources.length; i++) {
            if (weights.get(i) != sources[i] || sources[i].isReleased()) {
                return false;
            }
        }
        return true;
    }

    /** Drops (and frees) the kept arrays. */
    synchronized void clear() {
        if (derived != null) {
            for (NDArray a : derived) {
                if (a != null) {
                    a.close();
                }
            }
        }
        derived = null;
        sources = null;
    }
}
