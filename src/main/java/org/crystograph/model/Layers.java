package org.crystograph.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;

/**
 * Factories for the standard layers of the network with the spec's numerics and initialisation (section 7.5).
 */
public final class Layers {

    /** LayerNorm and BatchNorm epsilon. */
    public static final float NORM_EPSILON = 1e-5f;
    /**
     * DJL's BatchNorm momentum is the weight of the old running value: 0.9 here equals PyTorch's momentum 0.1
     * ({@code running = 0.9 running + 0.1 batch}).
     */
    public static final float BATCH_NORM_KEEP = 0.9f;

    private Layers() {
    }

    /**
     * A linear layer {@code in -> out} ({@link AlignedLinear}) initialised like PyTorch's default: weights and bias
     * uniform in +-1/sqrt(in).
     */
    public static Linear linear(int in, int out, boolean bias) {
        Linear linear = new AlignedLinear(Linear.builder().setUnits(out).optBias(bias));
        Initializer init = uniform(1.0 / Math.sqrt(in));
        linear.setInitializer(init, Parameter.Type.WEIGHT);
        if (bias) {
            linear.setInitializer(init, Parameter.Type.BIAS);
        }
        return linear;
    }

    /**
     * A linear layer {@code in -> out} with Glorot-uniform weights (bound sqrt(6 / (in + out))) and the default
     * +-1/sqrt(in) bias, as the GwT's query, key, value and edge projections.
     */
    public static Linear glorotLinear(int in, int out, boolean bias) {
        Linear linear = new AlignedLinear(Linear.builder().setUnits(out).optBias(bias));
        linear.setInitializer(uniform(Math.sqrt(6.0 / (in + out))), Parameter.Type.WEIGHT);
        if (bias) {
            linear.setInitializer(uniform(1.0 / Math.sqrt(in)), Parameter.Type.BIAS);
        }
        return linear;
    }

    /** LayerNorm over axis 1 of a [rows, width] input; gamma 1, beta 0, eps 1e-5. */
    public static LayerNorm layerNorm() {
        LayerNorm norm = LayerNorm.builder().axis(1).optEpsilon(NORM_EPSILON).build();
        norm.setInitializer(Initializer.ONES, Parameter.Type.GAMMA);
        norm.setInitializer(Initializer.ZEROS, Parameter.Type.BETA);
        return norm;
    }

    /** BatchNorm over the rows of a [rows, width] input: eps 1e-5, PyTorch momentum 0.1, gamma 1, beta 0. */
    public static BatchNorm batchNorm() {
        BatchNorm norm = BatchNorm.builder().optAxis(1).optEpsilon(NORM_EPSILON).optMomentum(BATCH_NORM_KEEP).build();
        norm.setInitializer(Initializer.ONES, Parameter.Type.GAMMA);
        norm.setInitializer(Initializer.ZEROS, Parameter.Type.BETA);
        norm.setInitializer(Initializer.ZEROS, Parameter.Type.RUNNING_MEAN);
        norm.setInitializer(Initializer.ONES, Parameter.Type.RUNNING_VAR);
        return norm;
    }

    /** Initialises a child that takes [rows, width] input. */
    static void init(Block block, NDManager manager, DataType dataType, int width) {
        block.initialize(manager, dataType, new Shape(1, width));
    }

    /** Uniform in [-bound, bound]. */
    public static Initializer uniform(double bound) {
        return (NDManager manager, Shape shape, DataType dataType) ->
                manager.randomUniform((float) -bound, (float) bound, shape, dataType);
    }

    /** Standard normal N(0, 1). */
    public static Initializer standardNormal() {
        return (NDManager manager, Shape shape, DataType dataType) -> manager.randomNormal(0f, 1f, shape, dataType);
    }

    /**
     * Tells every block under {@code block} that its weights were changed in place, so that arrays derived from them
     * for evaluation ({@link WeightCache}) are recomputed. An optimizer's update must call it; loading weights and
     * training-mode forward passes need not.
     */
    public static void weightsChanged(Block block) {
        if (block instanceof WeightCache.Holder holder) {
            holder.weightsChanged();
        }
        for (var child : block.getChildren()) {
            weightsChanged(child.getValue());
        }
    }

    /** Number of trainable values of a block (BatchNorm running statistics excluded). */
    public static long trainableParameters(Block block) {
        long count = 0;
        for (Parameter p : block.getParameters().values()) {
            if (p.requiresGradient()) {
                count += p.getShape().size();
            }
        }
        return count;
    }

    /**
     * The child of a block by the name it was added with (DJL stores children as "01name", "02name", ...).
     *
     * @throws IllegalArgumentException when there is no such child
     */
    public static Block child(Block block, String name) {
        for (var entry : block.getChildren()) {
            String key = entry.getKey();
            int start = 0;
            while (start < key.length() && Character.isDigit(key.charAt(start))) {
                start++;
            }
            if (key.substring(start).equals(name)) {
                return entry.getValue();
            }
        }
        throw new IllegalArgumentException("no child '" + name + "' in " + block.getClass().getSimpleName());
    }

    /** Name of a child without DJL's ordinal prefix. */
    public static String childName(String key) {
        int start = 0;
        while (start < key.length() && Character.isDigit(key.charAt(start))) {
            start++;
        }
        return key.substring(start);
    }

    /** The array of a parameter in the forward pass (on the device of the input). */
    static NDArray value(ai.djl.training.ParameterStore store, Parameter p, NDArray like, boolean training) {
        return store.getValue(p, like.getDevice(), training);
    }

    /**
     * The rows {@code x[index]} of a [rows, width] array, for a 1-D int64 index: libtorch's row selection
     * ({@code embedding}) in evaluation, {@code gather} along axis 0 in training. Both are exact copies. DJL's
     * {@code x.get(new NDIndex("{}", index))} gives the same rows through libtorch's general advanced indexing, which
     * on the 2-core AMD machine of docs/performance.md took 1.9 ms forward for the line graph's 46,944 rows of 76
     * (embedding 0.5 ms, gather 1.0 ms) and 27 ms forward and backward (gather 6 ms, embedding 9.6 ms).
     */
    static NDArray rows(NDArray x, NDArray index, boolean training) {
        if (!training) {
            return Embedding.embedding(index, x, SparseFormat.DENSE).singletonOrThrow();
        }
        long count = index.getShape().get(0);
        return x.gather(index.reshape(count, 1).broadcast(count, x.getShape().get(1)), 0);
    }

    /**
     * {@code x * factor}, safe for arrays that carry gradients. DJL's {@code mul(Number)} and {@code div(Number)} wrap
     * the number in a tensor over a Java direct buffer and close it as soon as the call returns, but autograd keeps
     * that tensor for the backward pass; once a garbage collection frees the buffer, the backward pass reads freed
     * memory (garbage or NaN gradients). Here the factor lives in memory that libtorch owns, so autograd's reference
     * keeps it alive.
     */
    static NDArray scale(NDArray x, double factor) {
        try (NDArray f = x.getManager().full(new Shape(), (float) factor, x.getDataType())) {
            return x.mul(f);
        }
    }

    /**
     * Runs a child block and frees its intermediate arrays when it returns, keeping only its outputs. Without this,
     * every temporary of the forward pass stays attached to the batch's manager until the batch ends: for 1,600 atoms
     * of the small network that is several GB. In training the autograd graph keeps what the backward pass needs;
     * only the Java handles are released here.
     */
    static NDList forwardScoped(Block block, ParameterStore store, NDList inputs, boolean training,
            ai.djl.util.PairList<String, Object> params) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDList out = block.forward(store, inputs, training, params);
            for (NDArray a : out) {
                NDScope.unregister(a);
            }
            return out;
        }
    }
}
