package org.crystograph.training;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.crystograph.model.Layers;
import org.junit.jupiter.api.Test;

/** AdamW against a hand-computed PyTorch update. */
class AdamWTest {

    @Test
    void firstStep_movesEachWeightByLearningRateAgainstGradientSign() {
        Engine.getInstance().setRandomSeed(1);
        try (NDManager m = NDManager.newBaseManager()) {
            var linear = Layers.linear(3, 1, true);
            linear.initialize(m, DataType.FLOAT32, new Shape(1, 3));
            float[] before = linear.getParameters().get("weight").getArray().toFloatArray();
            AdamW opt = new AdamW(linear, m, 0.9, 0.99, 1e-8, 0);
            NDArray x = m.create(new float[] {1, -2, 3}, new Shape(1, 3));
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray y = linear.forward(new ParameterStore(m, false), new NDList(x), true).singletonOrThrow();
                gc.backward(y.sum());
            }
            opt.step(0.01);
            float[] after = linear.getParameters().get("weight").getArray().toFloatArray();
            // gradient of sum(w.x + b) w.r.t. w is x: the first Adam step is lr * sign(g)
            float[] sign = {1, -1, 1};
            for (int i = 0; i < 3; i++) {
                assertThat((double) (before[i] - after[i])).isCloseTo(0.01 * sign[i],
                        org.assertj.core.data.Offset.offset(1e-6));
            }
            for (float g : linear.getParameters().get("weight").getArray().getGradient().toFloatArray()) {
                assertThat(Math.abs(g)).isZero();
            }
        }
    }
}
