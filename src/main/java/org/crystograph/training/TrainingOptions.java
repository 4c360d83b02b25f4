package org.crystograph.training;

/**
 * How a model is trained (spec section 9 plus our validation split and early stopping).
 *
 * @param preset network preset name ({@code default} or {@code small})
 * @param epochs epochs E (0 = the spec's table by training-set size)
 * @param batchSize crystals per batch (32)
 * @param learningRate AdamW learning rate before the step (1e-4 in the reference)
 * @param lrStepFraction the learning rate is multiplied by {@code lrFactor} from epoch floor(E * fraction) on (1/3)
 * @param lrFactor learning-rate factor at the step (0.1)
 * @param beta1 AdamW beta1 (0.9)
 * @param beta2 AdamW beta2 (0.99)
 * @param epsilon AdamW epsilon (1e-8)
 * @param weightDecay AdamW weight decay (0)
 * @param valFraction share of the training fold held out for validation and model selection
 * @param patience stop when validation MAE has not improved for this many epochs (0 = never)
 * @param standardize learn standardised targets (training-fold mean and std)
 * @param loss the training loss ({@link Loss#MSE} in the spec)
 * @param seed seed of weights, validation split and shuffling
 */
public record TrainingOptions(
        String preset,
        int epochs,
        int batchSize,
        double learningRate,
        double lrStepFraction,
        double lrFactor,
        double beta1,
        double beta2,
        double epsilon,
        double weightDecay,
        double valFraction,
        int patience,
        boolean standardize,
        Loss loss,
        long seed) {

    /** Validates. */
    public TrainingOptions {
        if (epochs < 0 || batchSize < 1 || !(learningRate > 0) || !(valFraction >= 0 && valFraction < 1)
                || patience < 0 || !(lrStepFraction > 0 && lrStepFraction <= 1) || !(lrFactor > 0) || loss == null) {
            throw new IllegalArgumentException("bad training options " + epochs + " epochs, batch " + batchSize
                    + ", lr " + learningRate + ", val " + valFraction + ", patience " + patience);
        }
    }

    /** The spec's epoch count for a training-set size (section 9 table). */
    public static int specEpochs(int trainingSamples) {
        if (trainingSamples < 2_000) {
            return 2000;
        } else if (trainingSamples < 10_000) {
            return 1000;
        } else if (trainingSamples < 20_000) {
            return 600;
        }
        return 500;
    }

    /** The epoch from which the learning rate is stepped down. */
    public int lrStepEpoch(int totalEpochs) {
        return (int) Math.floor(totalEpochs * lrStepFraction);
    }
}
