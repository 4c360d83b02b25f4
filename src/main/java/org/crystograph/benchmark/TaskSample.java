package org.crystograph.benchmark;

/**
 * One labelled sample of a task.
 *
 * @param sampleId {@code {task}-{row+1}} zero-padded to the digit count of the file's row count
 * @param rowIndex 0-based data row in the file (labels.csv, id_prop.csv or the JSON {@code data} array)
 * @param structureFile local tasks: file name inside the zip (or the structure folder); official tasks: null
 *                      (the structure is row {@code rowIndex} of the JSON file)
 * @param label label value in the task's unit
 * @param sourceFold fold of the full-data 5-fold protocol (the file's fold column, or KFold over the file's rows)
 * @param publicFold fold of the public cross-validation track, or {@link #HIDDEN} for a hidden-track sample
 */
public record TaskSample(String sampleId, int rowIndex, String structureFile, double label, int sourceFold,
        int publicFold) {

    /** Marker for samples of the hidden test track. */
    public static final int HIDDEN = -1;

    /** Validates the label and folds. */
    public TaskSample {
        if (sampleId == null || sampleId.isBlank()) {
            throw new IllegalArgumentException("sample id is required");
        }
        if (!Double.isFinite(label)) {
            throw new IllegalArgumentException("label of " + sampleId + " is not finite: " + label);
        }
        if (sourceFold < 0 || publicFold < HIDDEN) {
            throw new IllegalArgumentException("bad folds for " + sampleId + ": source " + sourceFold
                    + ", public " + publicFold);
        }
    }

    /** Whether this sample belongs to the hidden test track. */
    public boolean hidden() {
        return publicFold == HIDDEN;
    }
}
