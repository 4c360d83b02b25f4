package org.crystograph.benchmark;

/**
 * Sample ids of the UnconvBench protocol: {@code {task}-{i+1}}, left-padded with zeros to the number of digits of
 * the file's row count (spec sections 3.4 and 7), e.g. {@code unconvbench_supercon-0458}.
 */
public final class SampleIds {

    private SampleIds() {
    }

    /**
     * The id of 0-based row {@code index} in a file of {@code rowCount} rows.
     *
     * @throws IllegalArgumentException if the index is outside [0, rowCount)
     */
    public static String of(String taskKey, int index, int rowCount) {
        if (index < 0 || index >= rowCount) {
            throw new IllegalArgumentException("row index " + index + " outside [0, " + rowCount + ")");
        }
        int digits = Integer.toString(rowCount).length();
        String number = Integer.toString(index + 1);
        return taskKey + "-" + "0".repeat(digits - number.length()) + number;
    }
}
