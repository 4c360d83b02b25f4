package org.crystograph.training;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.assertj.core.data.Offset;
import org.crystograph.model.Layers;
import org.junit.jupiter.api.Test;

/** AdamW against PyTorch's update rule computed by hand in double precision. */
class AdamWTest {

    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.99;
    private static final double EPSILON = 1e-8;
    /** float32 weights of size ~1 after a few updates of size ~1e-2: rounding stays far below this. */
    private static final double FLOAT32_TOLERANCE = 2e-6;

    /** Inputs of the successive steps: gradient of sum(c . (W x + b)) is c x^T for W and c for b. */
    private static final float[][] INPUTS = {
        {1, -2, 3}, {0.5f, 0.25f, -1}, {-3, 1, 0.1f}, {2, 2, -2}, {0.01f, -0.02f, 0.5f}, {-1, 4, 1}, {0.3f, -0.7f, 2}
    };
    private static final float[] OUTPUT_WEIGHTS = {1.5f, -0.5f};
    /** Learning rates of the successive steps, with a step down as the training run makes. */
    private static final double[] RATES = {0.01, 0.01, 0.01, 0.01, 0.001, 0.001, 0.001};

    private static Linear linear(NDManager m) {
        Engine.getInstance().setRandomSeed(1);
        Linear linear = Layers.linear(3, 2, true);
        linear.initialize(m, DataType.FLOAT32, new Shape(1, 3));
        return linear;
    }

    private static void backward(Linear linear, NDManager m, float[] input) {
        try (NDManager sub = m.newSubManager()) {
            NDArray x = sub.create(input, new Shape(1, 3));
            NDArray c = sub.create(OUTPUT_WEIGHTS, new Shape(1, 2));
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray y = linear.forward(new ParameterStore(sub, false), new NDList(x), true).singletonOrThrow();
                gc.backward(y.mul(c).sum());
            }
        }
    }

    /** W then b, flattened, as double. */
    private static double[] weights(Linear linear) {
        float[] w = linear.getParameters().get("weight").getArray().toFloatArray();
        float[] b = linear.getParameters().get("bias").getArray().toFloatArray();
        double[] all = new double[w.length + b.length];
        for (int i = 0; i < w.length; i++) {
            all[i] = w[i];
        }
        for (int i = 0; i < b.length; i++) {
            all[w.length + i] = b[i];
        }
        return all;
    }

    /** The gradient of the loss above for an input, in the layout of {@link #weights}. */
    private static double[] gradient(float[] x) {
        double[] g = new double[OUTPUT_WEIGHTS.length * x.length + OUTPUT_WEIGHTS.length];
        for (int o = 0; o < OUTPUT_WEIGHTS.length; o++) {
            for (int i = 0; i < x.length; i++) {
                g[o * x.length + i] = (double) OUTPUT_WEIGHTS[o] * x[i];
            }
            g[OUTPUT_WEIGHTS.length * x.length + o] = OUTPUT_WEIGHTS[o];
        }
        return g;
    }

    @Test
    void firstStep_movesEachWeightByLearningRateAgainstGradientSign() {
        try (NDManager m = NDManager.newBaseManager()) {
            Linear linear = linear(m);
            double[] before = weights(linear);
            AdamW opt = new AdamW(linear, m, BETA1, BETA2, EPSILON, 0);
            backward(linear, m, INPUTS[0]);
            opt.step(0.01);
            double[] after = weights(linear);
            double[] g = gradient(INPUTS[0]);
            // the first Adam step is lr * sign(g) for every weight with a gradient
            for (int i = 0; i < g.length; i++) {
                assertThat(before[i] - after[i]).isCloseTo(0.01 * Math.signum(g[i]), Offset.offset(1e-6));
            }
            for (float grad : linear.getParameters().get("weight").getArray().getGradient().toFloatArray()) {
                assertThat(Math.abs(grad)).isZero();
            }
        }
    }

    @Test
    void sevenSteps_withWeightDecayAndAStepDownInRate_followPyTorchsAdamW() {
        double weightDecay = 0.05;
        try (NDManager m = NDManager.newBaseManager()) {
            Linear linear = linear(m);
            double[] p = weights(linear);
            double[] first = new double[p.length];
            double[] second = new double[p.length];
            AdamW opt = new AdamW(linear, m, BETA1, BETA2, EPSILON, weightDecay);
            for (int t = 1; t <= INPUTS.length; t++) {
                backward(linear, m, INPUTS[t - 1]);
                assertThat(opt.step(RATES[t - 1])).isTrue();
                // torch.optim.AdamW: decoupled decay, then the bias-corrected Adam step
                double lr = RATES[t - 1];
                double[] g = gradient(INPUTS[t - 1]);
                for (int i = 0; i < p.length; i++) {
                    p[i] -= lr * weightDecay * p[i];
                    first[i] = BETA1 * first[i] + (1 - BETA1) * g[i];
                    second[i] = BETA2 * second[i] + (1 - BETA2) * g[i] * g[i];
                    double denominator = Math.sqrt(second[i]) / Math.sqrt(1 - Math.pow(BETA2, t)) + EPSILON;
                    p[i] -= lr / (1 - Math.pow(BETA1, t)) * first[i] / denominator;
                }
                double[] actual = weights(linear);
                for (int i = 0; i < p.length; i++) {
                    assertThat(actual[i]).as("weight %d after step %d", i, t)
                            .isCloseTo(p[i], Offset.offset(FLOAT32_TOLERANCE));
                }
            }
            assertThat(opt.steps()).isEqualTo(INPUTS.length);
            // the moments are those of the reference (first moments, then second moments, in parameter order)
            NDList state = opt.state();
            float[] w1 = state.get(0).toFloatArray();
            float[] w2 = state.get(2).toFloatArray();
            for (int i = 0; i < w1.length; i++) {
                assertThat((double) w1[i]).isCloseTo(first[i], Offset.offset(FLOAT32_TOLERANCE));
                assertThat((double) w2[i]).isCloseTo(second[i], Offset.offset(FLOAT32_TOLERANCE * 10));
            }
        }
    }

    @Test
    void savedAndRestoredState_continuesExactlyAsAnUninterruptedOptimizer() {
        double weightDecay = 0.01;
        int split = 3;
        try (NDManager m = NDManager.newBaseManager()) {
            Linear straight = linear(m);
            AdamW uninterrupted = new AdamW(straight, m, BETA1, BETA2, EPSILON, weightDecay);
            for (int t = 0; t < INPUTS.length; t++) {
                backward(straight, m, INPUTS[t]);
                uninterrupted.step(RATES[t]);
            }

            Linear interrupted = linear(m);
            AdamW before = new AdamW(interrupted, m, BETA1, BETA2, EPSILON, weightDecay);
            for (int t = 0; t < split; t++) {
                backward(interrupted, m, INPUTS[t]);
                before.step(RATES[t]);
            }
            byte[] saved = before.state().encode();
            AdamW after = new AdamW(interrupted, m, BETA1, BETA2, EPSILON, weightDecay);
            after.restore(NDList.decode(m, saved), before.steps());
            for (int t = split; t < INPUTS.length; t++) {
                backward(interrupted, m, INPUTS[t]);
                after.step(RATES[t]);
            }

            assertThat(weights(interrupted)).containsExactly(weights(straight));
            assertThat(after.steps()).isEqualTo(uninterrupted.steps());
            NDList a = after.state();
            NDList b = uninterrupted.state();
            for (int i = 0; i < a.size(); i++) {
                assertThat(a.get(i).toFloatArray()).containsExactly(b.get(i).toFloatArray());
            }
        }
    }

    @Test
    void nonFiniteGradient_skipsTheUpdateAndLeavesStateUnchanged() {
        try (NDManager m = NDManager.newBaseManager()) {
            Linear linear = linear(m);
            AdamW opt = new AdamW(linear, m, BETA1, BETA2, EPSILON, 0.01);
            backward(linear, m, INPUTS[0]);
            opt.step(0.01);
            double[] before = weights(linear);
            float[] moments = opt.state().get(0).toFloatArray();
            backward(linear, m, new float[] {Float.NaN, 1, 1});

            assertThat(opt.step(0.01)).isFalse();

            assertThat(weights(linear)).containsExactly(before);
            assertThat(opt.state().get(0).toFloatArray()).containsExactly(moments);
            assertThat(opt.steps()).isEqualTo(1);
            assertThat(opt.skipped()).isEqualTo(1);
            for (float grad : linear.getParameters().get("weight").getArray().getGradient().toFloatArray()) {
                assertThat(grad).isZero();
            }
        }
    }
}
