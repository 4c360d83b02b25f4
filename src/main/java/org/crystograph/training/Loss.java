package org.crystograph.training;

import ai.djl.ndarray.NDArray;

/** The training loss on the residuals of a batch (prediction minus target, standardised units when standardising). */
public enum Loss {

    /** Mean squared error: the spec's loss. */
    MSE {
        @Override
        NDArray of(NDArray residual) {
            return residual.square().mean();
        }
    },

    /**
     * Mean absolute error: the metric the tasks are scored by. A heavy tail of labels (exfoliation energies, pore
     * diameters) pulls less on the fit than under MSE, whose gradient grows with the residual.
     */
    MAE {
        @Override
        NDArray of(NDArray residual) {
            return residual.abs().mean();
        }
    };

    /** The batch loss, a scalar. */
    abstract NDArray of(NDArray residual);
}
