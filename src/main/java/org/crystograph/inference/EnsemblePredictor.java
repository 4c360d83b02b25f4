package org.crystograph.inference;

import java.util.ArrayList;
import java.util.List;
import org.crystograph.graph.CrystalGraph;

/**
 * The checkpoints of one model (one, or an ensemble such as the five fold models) combined: the prediction is the
 * mean over members and the uncertainty the population standard deviation over members
 * ({@code sqrt(sum (y_m - mean)^2 / M)}, numpy's default {@code ddof=0}).
 *
 * <p>Not thread-safe: owns one {@link GraphRegressor} per member, all used by a single worker thread.
 */
public final class EnsemblePredictor implements AutoCloseable {

    private final List<GraphRegressor> members;
    private final int outputs;

    /**
     * Opens one regressor per member factory in the calling thread.
     *
     * @param factories one per checkpoint, all with the same number of outputs
     * @throws IllegalArgumentException when there are none or their output counts differ
     */
    public static EnsemblePredictor open(List<GraphRegressor.Factory> factories) {
        if (factories.isEmpty()) {
            throw new IllegalArgumentException("a model needs at least one checkpoint");
        }
        List<GraphRegressor> opened = new ArrayList<>();
        try {
            for (GraphRegressor.Factory f : factories) {
                opened.add(f.open());
            }
            return new EnsemblePredictor(opened);
        } catch (RuntimeException e) {
            opened.forEach(GraphRegressor::close);
            throw e;
        }
    }

    private EnsemblePredictor(List<GraphRegressor> members) {
        this.members = List.copyOf(members);
        this.outputs = members.get(0).outputCount();
        for (GraphRegressor m : members) {
            if (m.outputCount() != outputs) {
                throw new IllegalArgumentException("ensemble members disagree on outputs: " + outputs + " and "
                        + m.outputCount());
            }
        }
    }

    /** Number of checkpoints. */
    public int memberCount() {
        return members.size();
    }

    /** Outputs per structure. */
    public int outputCount() {
        return outputs;
    }

    /**
     * Runs every member on the batch and combines them per structure.
     *
     * @param graphs the ragged batch
     * @return one estimate per graph, in order
     */
    public List<Estimate> predict(List<CrystalGraph> graphs) {
        double[][][] y = new double[members.size()][][];
        for (int i = 0; i < y.length; i++) {
            y[i] = predictMember(i, graphs);
        }
        return combine(y);
    }

    /**
     * Runs one member on the batch.
     *
     * @param member index of the checkpoint, {@code 0 <= member < memberCount()}
     * @param graphs the ragged batch
     * @return {@code [graphs.size()][outputCount()]}
     */
    public double[][] predictMember(int member, List<CrystalGraph> graphs) {
        double[][] y = members.get(member).predict(graphs);
        if (y.length != graphs.size()) {
            throw new IllegalStateException("checkpoint " + member + " returned " + y.length + " rows for "
                    + graphs.size() + " graphs");
        }
        return y;
    }

    /**
     * Combines the members' outputs for one batch, whichever predictor computed them.
     *
     * @param y {@code [memberCount()][graphs][outputCount()]}, as {@link #predictMember} returns per member
     * @return one estimate per graph, in order
     */
    public List<Estimate> combine(double[][][] y) {
        int m = members.size();
        if (y.length != m) {
            throw new IllegalArgumentException("expected outputs of " + m + " members, got " + y.length);
        }
        int b = y[0].length;
        List<Estimate> out = new ArrayList<>(b);
        for (int g = 0; g < b; g++) {
            double[] mean = new double[outputs];
            double[] std = new double[outputs];
            for (int t = 0; t < outputs; t++) {
                double sum = 0;
                for (int i = 0; i < m; i++) {
                    sum += y[i][g][t];
                }
                double mu = sum / m;
                double sq = 0;
                for (int i = 0; i < m; i++) {
                    double d = y[i][g][t] - mu;
                    sq += d * d;
                }
                mean[t] = mu;
                std[t] = m > 1 ? Math.sqrt(sq / m) : Double.NaN;
            }
            out.add(new Estimate(mean, std, m));
        }
        return out;
    }

    @Override
    public void close() {
        members.forEach(GraphRegressor::close);
    }
}
