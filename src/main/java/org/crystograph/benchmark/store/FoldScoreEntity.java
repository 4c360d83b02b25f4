package org.crystograph.benchmark.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;
import org.crystograph.benchmark.FoldScore;

/** The metrics of one fold of an accepted submission (fold -1 = hidden track). */
@Entity
@Table(name = "bench_fold_score")
@IdClass(FoldScoreEntity.Key.class)
public class FoldScoreEntity extends PanacheEntityBase {

    /** Submission. */
    @Id
    @Column(name = "submission_id")
    public Long submissionId;

    /** Fold 0..4, or -1 for the hidden track. */
    @Id
    public short fold;

    /** Rows scored. */
    public int n;
    /** Mean absolute error. */
    public double mae;
    /** Root mean squared error. */
    public double rmse;
    /** Max absolute error. */
    @Column(name = "max_error")
    public double maxError;
    /** Mean of the training labels. */
    @Column(name = "train_mean")
    public double trainMean;
    /** MAD of the training labels. */
    public double mad;
    /** MAE of the dummy predictor. */
    @Column(name = "baseline_mae")
    public double baselineMae;
    /** MAE / MAD. */
    public double scaled;
    /** 95% coverage, if std was supplied. */
    public Double coverage95;
    /** |coverage - 0.95|, if std was supplied. */
    public Double miscalibration;
    /** Mean Gaussian NLL, if std was supplied. */
    @Column(name = "mean_nll")
    public Double meanNll;

    /** Builds the entity from a computed score. */
    public static FoldScoreEntity of(long submissionId, FoldScore s) {
        FoldScoreEntity e = new FoldScoreEntity();
        e.submissionId = submissionId;
        e.fold = (short) s.fold();
        e.n = s.n();
        e.mae = s.mae();
        e.rmse = s.rmse();
        e.maxError = s.maxError();
        e.trainMean = s.trainMean();
        e.mad = s.mad();
        e.baselineMae = s.baselineMae();
        e.scaled = s.scaled();
        if (s.calibration() != null) {
            e.coverage95 = s.calibration().coverage95();
            e.miscalibration = s.calibration().miscalibration();
            e.meanNll = s.calibration().meanNll();
        }
        return e;
    }

    /** Back to the pure record. */
    public FoldScore toScore() {
        FoldScore.Calibration c = coverage95 == null ? null
                : new FoldScore.Calibration(coverage95, miscalibration, meanNll);
        return new FoldScore(fold, n, mae, rmse, maxError, trainMean, mad, baselineMae, scaled, c);
    }

    /** Composite key. */
    public static class Key implements Serializable {
        /** Submission. */
        public Long submissionId;
        /** Fold. */
        public short fold;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(submissionId, k.submissionId) && fold == k.fold;
        }

        @Override
        public int hashCode() {
            return Objects.hash(submissionId, fold);
        }
    }
}
