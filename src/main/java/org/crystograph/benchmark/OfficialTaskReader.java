package org.crystograph.benchmark;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the labels of an official task file {@code ub_<key>.json} (pandas "split" layout,
 * {@code {"index": [...], "columns": ["structure", "<label>"], "data": [[structure, label], ...]}}, spec section 2)
 * with Jackson's streaming parser: structure dicts are skipped, so memory stays flat for any file size. The row
 * position in {@code data} is the sample index; {@code index} is ignored. Every official sample is public (no hidden
 * track) and its fold is {@code KFold(folds, shuffle, foldSeed)} over all rows.
 *
 * <p>Pure: no CDI, no database.
 */
public final class OfficialTaskReader {

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private OfficialTaskReader() {
    }

    /** The file name of an official task: {@code ub_<key>.json}. */
    public static String fileName(TaskDefinition task) {
        return "ub_" + task.key() + ".json";
    }

    /**
     * Reads labels and row count.
     *
     * @throws TaskDataException on a wrong layout, a missing label column, or a missing or non-finite label
     */
    public static TaskData read(TaskDefinition task, Path file, int folds, long foldSeed) {
        List<String> columns = null;
        double[] labels = new double[Math.max(task.n(), 16)];
        int rows = 0;
        String sha256;
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (InputStream raw = new DigestInputStream(Files.newInputStream(file), digest);
                    JsonParser p = JSON.createParser(raw)) {
                expect(p.nextToken() == JsonToken.START_OBJECT, file, p, "a JSON object");
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    p.nextToken();
                    if (field.equals("columns")) {
                        columns = readColumns(p, file);
                    } else if (field.equals("data")) {
                        if (columns == null) {
                            throw new TaskDataException(file + ": 'columns' must precede 'data'");
                        }
                        int labelCol = columns.indexOf(task.label());
                        int structureCol = columns.indexOf("structure");
                        if (labelCol < 0 || structureCol < 0) {
                            throw new TaskDataException(file + ": columns " + columns + " lack 'structure' or '"
                                    + task.label() + "'");
                        }
                        expect(p.currentToken() == JsonToken.START_ARRAY, file, p, "the data array");
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            expect(p.currentToken() == JsonToken.START_ARRAY, file, p, "a data row array");
                            if (rows == labels.length) {
                                labels = java.util.Arrays.copyOf(labels, labels.length * 2);
                            }
                            labels[rows] = readRow(p, file, rows, labelCol, columns.size());
                            rows++;
                        }
                    } else {
                        p.skipChildren();
                    }
                }
                // drain so the digest covers the whole file
                raw.transferTo(java.io.OutputStream.nullOutputStream());
            }
            sha256 = java.util.HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new TaskDataException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        if (columns == null) {
            throw new TaskDataException(file + ": no 'columns' member");
        }
        if (rows < folds) {
            throw new TaskDataException(file + ": " + rows + " rows, fewer than " + folds + " folds");
        }
        int[] fold = KFoldSplit.of(rows, folds, foldSeed).foldOfEach();
        List<TaskSample> samples = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            samples.add(new TaskSample(SampleIds.of(task.key(), i, rows), i, null, labels[i], fold[i], fold[i]));
        }
        return new TaskData(task, file, rows, sha256, samples);
    }

    private static List<String> readColumns(JsonParser p, Path file) throws IOException {
        expect(p.currentToken() == JsonToken.START_ARRAY, file, p, "the columns array");
        List<String> cols = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            expect(p.currentToken() == JsonToken.VALUE_STRING, file, p, "a column name");
            cols.add(p.getText());
        }
        return cols;
    }

    private static double readRow(JsonParser p, Path file, int row, int labelCol, int width) throws IOException {
        double label = Double.NaN;
        int col = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (col == labelCol) {
                JsonToken t = p.currentToken();
                if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
                    throw new TaskDataException(file + " row " + row + ": label is " + t + ", not a number");
                }
                label = p.getDoubleValue();
                if (!Double.isFinite(label)) {
                    throw new TaskDataException(file + " row " + row + ": label is not finite: " + p.getText());
                }
            } else {
                p.skipChildren();
            }
            col++;
        }
        if (col != width) {
            throw new TaskDataException(file + " row " + row + ": " + col + " values, expected " + width);
        }
        return label;
    }

    private static void expect(boolean ok, Path file, JsonParser p, String what) {
        if (!ok) {
            throw new TaskDataException(file + ": expected " + what + " at line "
                    + p.currentLocation().getLineNr() + ", found " + p.currentToken());
        }
    }
}
