package org.crystograph.benchmark;

import java.util.Arrays;

/**
 * Splits a task's labelled units (rows, or groups for grouped tasks) into the hidden test track and the public
 * cross-validation folds (UnconvBench spec section 5, hidden track).
 *
 * <p>Protocol: let U be the labelled units in file order (for grouped tasks, the sorted unique group values of the
 * labelled rows). Shuffle the positions 0..|U|-1 with MT19937 seeded with the hidden seed (the same numpy-legacy
 * shuffle as the folds); the first round(fraction * |U|) shuffled positions are hidden. The remaining units, kept in
 * their original order, get public folds from {@code KFold(folds, shuffle=True, random_state=foldSeed)} rebuilt over
 * them. Without a hidden track the public folds are the full-data folds.
 */
public final class HiddenPartition {

    private HiddenPartition() {
    }

    /**
     * Assigns public folds.
     *
     * @param units number of labelled units
     * @param hidden hidden-track settings (null or fraction 0: nothing hidden, result is null)
     * @param folds number of folds
     * @param foldSeed KFold seed
     * @return per unit its public fold, or {@link TaskSample#HIDDEN}; null when there is no hidden track
     */
    public static int[] publicFolds(int units, TaskDefinition.HiddenTrack hidden, int folds, long foldSeed) {
        if (hidden == null || hidden.fraction() == 0) {
            return null;
        }
        int hiddenCount = hiddenCount(units, hidden.fraction());
        if (units - hiddenCount < folds) {
            throw new IllegalArgumentException("only " + (units - hiddenCount) + " public units left for " + folds
                    + " folds");
        }
        int[] order = new int[units];
        for (int i = 0; i < units; i++) {
            order[i] = i;
        }
        new Mt19937(hidden.seed()).shuffle(order);
        boolean[] isHidden = new boolean[units];
        for (int i = 0; i < hiddenCount; i++) {
            isHidden[order[i]] = true;
        }
        int[] publicUnits = new int[units - hiddenCount];
        int p = 0;
        for (int u = 0; u < units; u++) {
            if (!isHidden[u]) {
                publicUnits[p++] = u;
            }
        }
        int[] foldOfPublic = KFoldSplit.of(publicUnits.length, folds, foldSeed).foldOfEach();
        int[] result = new int[units];
        Arrays.fill(result, TaskSample.HIDDEN);
        for (int j = 0; j < publicUnits.length; j++) {
            result[publicUnits[j]] = foldOfPublic[j];
        }
        return result;
    }

    /** Number of hidden units: round(fraction * units), half up. */
    public static int hiddenCount(int units, double fraction) {
        return (int) Math.round(fraction * units);
    }
}
