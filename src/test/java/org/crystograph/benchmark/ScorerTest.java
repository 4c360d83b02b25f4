package org.crystograph.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Scorer values against numbers computed by hand (tolerance 1e-12 unless stated). */
class ScorerTest {

    private static final double TOL = 1e-12;

    // truth 1,2,3,4; prediction 1.5,2,2,5 -> |errors| 0.5,0,1,1
    private static final double[] TRUTH = {1, 2, 3, 4};
    private static final double[] PRED = {1.5, 2, 2, 5};
    // training labels 0,2,4,6 -> mean 3, MAD (3+1+1+3)/4 = 2
    private static final double[] TRAIN = {0, 2, 4, 6};

    @Test
    void fold_maeRmseMaxErr_byHand() {
        FoldScore f = Scorer.scoreFold(0, TRUTH, PRED, null, TRAIN);
        assertThat(f.n()).isEqualTo(4);
        assertThat(f.mae()).isCloseTo(0.625, within(TOL));          // (0.5+0+1+1)/4
        assertThat(f.rmse()).isCloseTo(0.75, within(TOL));          // sqrt((0.25+0+1+1)/4) = sqrt(0.5625)
        assertThat(f.maxError()).isCloseTo(1.0, within(TOL));
        assertThat(f.calibration()).isNull();
    }

    @Test
    void fold_madBaselineAndScaledError_byHand() {
        FoldScore f = Scorer.scoreFold(0, TRUTH, PRED, null, TRAIN);
        assertThat(f.trainMean()).isCloseTo(3.0, within(TOL));
        assertThat(f.mad()).isCloseTo(2.0, within(TOL));
        assertThat(f.baselineMae()).isCloseTo(1.0, within(TOL));    // |3-1|,|3-2|,|3-3|,|3-4| -> 4/4
        assertThat(f.scaled()).isCloseTo(0.3125, within(TOL));      // 0.625 / 2
    }

    @Test
    void fold_calibrationWithStd_byHand() {
        double[] std = {0.5, 1, 0.5, 0.5};
        FoldScore.Calibration c = Scorer.scoreFold(0, TRUTH, PRED, std, TRAIN).calibration();
        // inside 1.96 sigma: 0.5<=0.98 yes, 0<=1.96 yes, 1<=0.98 no, 1<=0.98 no
        assertThat(c.coverage95()).isCloseTo(0.5, within(TOL));
        assertThat(c.miscalibration()).isCloseTo(0.45, within(TOL));
        // mean of 0.5 ln(2 pi s^2) + e^2/(2 s^2): (0.72579 + 0.91894 + 2.22579 + 2.22579) / 4
        assertThat(c.meanNll()).isCloseTo(1.5240781477847136, within(1e-12));
    }

    @Test
    void summary_meanPopulationStdMinMax() {
        TaskScore.Summary s = Scorer.summary(new double[] {0.625, 0.5, 1.0, 0.25, 0.125});
        assertThat(s.mean()).isCloseTo(0.5, within(TOL));
        assertThat(s.std()).isCloseTo(0.30618621784789724, within(TOL)); // numpy std, ddof 0
        assertThat(s.min()).isEqualTo(0.125);
        assertThat(s.max()).isEqualTo(1.0);
    }

    @Test
    void taskScore_scaledScoreIsTheMeanOfFoldRatios() {
        List<FoldScore> folds = new ArrayList<>();
        folds.add(Scorer.scoreFold(0, TRUTH, PRED, null, TRAIN));                       // 0.625 / 2
        folds.add(Scorer.scoreFold(1, new double[] {10}, new double[] {11}, null, new double[] {0, 4})); // 1 / 2
        TaskScore t = Scorer.summarise(folds);
        assertThat(t.scaledScore()).isCloseTo((0.3125 + 0.5) / 2, within(TOL));
        assertThat(t.mae().mean()).isCloseTo((0.625 + 1) / 2, within(TOL));
        assertThat(t.mae().std()).isCloseTo(0.1875, within(TOL));
        assertThat(t.baselineMae().max()).isCloseTo(8.0, within(TOL));                // |2 - 10|
        assertThat(Scorer.composite(List.of(0.5, 1.0, 0.6))).isCloseTo(0.7, within(TOL));
    }

    @Test
    void dummyPredictor_scoresExactlyOneOnAFoldWhoseTestLabelsEqualTheTrainingSet() {
        double[] y = {1, 5, 9};
        double mean = 5;
        FoldScore f = Scorer.scoreFold(0, y, new double[] {mean, mean, mean}, null, y);
        assertThat(f.scaled()).isCloseTo(1.0, within(TOL));
        assertThat(f.mae()).isCloseTo(f.baselineMae(), within(TOL));
    }

    @Test
    void badInput_isRejectedWithTheReason() {
        assertThatThrownBy(() -> Scorer.scoreFold(0, TRUTH, new double[] {1}, null, TRAIN))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Scorer.scoreFold(0, TRUTH, new double[] {1, 2, Double.NaN, 4}, null, TRAIN))
                .hasMessageContaining("non-finite");
        assertThatThrownBy(() -> Scorer.scoreFold(0, TRUTH, PRED, new double[] {1, 0, 1, 1}, TRAIN))
                .hasMessageContaining("std");
        assertThatThrownBy(() -> Scorer.scoreFold(0, TRUTH, PRED, null, new double[] {2, 2}))
                .hasMessageContaining("MAD 0");
    }
}
