package org.crystograph.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads a LOCAL task (spec section 7) from its folder: {@code labels.csv} (header row; structure file column, label
 * column, fold column) next to {@code cifs.zip} / {@code poscars.zip}, or a headerless {@code id_prop.csv}
 * ({@code file,label}) next to a folder of structure files. Structures are not opened: a sample names its file
 * inside the zip (or folder). Rows with an empty label are dropped but keep their id numbering.
 *
 * <p>Pure: no CDI, no database.
 */
public final class LocalTaskReader {

    /** Name of the label table of zip-based tasks. */
    public static final String LABELS_CSV = "labels.csv";
    /** Name of the headerless label table of folder-based tasks. */
    public static final String ID_PROP_CSV = "id_prop.csv";

    private LocalTaskReader() {
    }

    /** The label file of a local task inside its folder. */
    public static Path labelFile(TaskDefinition task, Path folder) {
        return folder.resolve(task.format() == TaskDefinition.Format.ID_PROP_CSV ? ID_PROP_CSV : LABELS_CSV);
    }

    /** The zip or folder holding the structures of a local task. */
    public static Path structureSource(TaskDefinition task, Path folder) {
        return switch (task.format()) {
            case CIFS_ZIP -> folder.resolve("cifs.zip");
            case POSCARS_ZIP -> folder.resolve("poscars.zip");
            case ID_PROP_CSV -> folder.resolve(task.structureFolder() == null ? "." : task.structureFolder());
            case UB_JSON -> throw new IllegalArgumentException("task " + task.key() + " is not a local task");
        };
    }

    /**
     * Reads the task's samples and partitions them into public folds and the hidden track.
     *
     * @param task a LOCAL task definition
     * @param folder the task's folder (datasets directory + {@code task.folder()})
     * @param folds number of folds
     * @param foldSeed KFold seed
     * @throws TaskDataException if the files are missing, a column is absent or a label is unreadable
     */
    public static TaskData read(TaskDefinition task, Path folder, int folds, long foldSeed) {
        if (task.track() != TaskDefinition.Track.LOCAL) {
            throw new IllegalArgumentException("task " + task.key() + " is not a local task");
        }
        Path file = labelFile(task, folder);
        List<String> fileNames = new ArrayList<>();
        List<String> labelText = new ArrayList<>();
        List<String> foldText = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        String sha256;
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (BufferedReader in = new BufferedReader(new InputStreamReader(
                    new DigestInputStream(Files.newInputStream(file), digest), StandardCharsets.UTF_8))) {
                if (task.format() == TaskDefinition.Format.ID_PROP_CSV) {
                    readIdProp(in, file, fileNames, labelText);
                } else {
                    readLabels(task, in, file, fileNames, labelText, foldText, groups);
                }
            }
            sha256 = java.util.HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new TaskDataException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        int rowCount = fileNames.size();
        if (rowCount < folds) {
            throw new TaskDataException(file + " has " + rowCount + " rows, fewer than " + folds + " folds");
        }
        int[] sourceFold = new int[rowCount];
        if (task.foldColumn() == null) {
            sourceFold = KFoldSplit.of(rowCount, folds, foldSeed).foldOfEach();
        } else {
            for (int r = 0; r < rowCount; r++) {
                sourceFold[r] = parseFold(foldText.get(r), folds, file, r, task.foldColumn());
            }
        }
        List<Integer> labelled = new ArrayList<>();
        double[] label = new double[rowCount];
        for (int r = 0; r < rowCount; r++) {
            String text = labelText.get(r).trim();
            if (text.isEmpty()) {
                continue;
            }
            label[r] = parseLabel(text, file, r, task.label());
            labelled.add(r);
        }
        int[] publicFold = publicFolds(task, labelled, groups, sourceFold, folds, foldSeed);
        List<TaskSample> samples = new ArrayList<>(labelled.size());
        for (int i = 0; i < labelled.size(); i++) {
            int r = labelled.get(i);
            samples.add(new TaskSample(SampleIds.of(task.key(), r, rowCount), r, fileNames.get(r), label[r],
                    sourceFold[r], publicFold[i]));
        }
        return new TaskData(task, structureSource(task, folder), rowCount, sha256, samples);
    }

    private static int[] publicFolds(TaskDefinition task, List<Integer> labelled, List<String> groups,
            int[] sourceFold, int folds, long foldSeed) {
        int[] result = new int[labelled.size()];
        if (task.groupColumn() == null) {
            int[] byUnit = HiddenPartition.publicFolds(labelled.size(), task.hidden(), folds, foldSeed);
            for (int i = 0; i < result.length; i++) {
                result[i] = byUnit == null ? sourceFold[labelled.get(i)] : byUnit[i];
            }
            return result;
        }
        TreeSet<String> unique = new TreeSet<>();
        for (int r : labelled) {
            unique.add(groups.get(r));
        }
        Map<String, Integer> unitOf = new HashMap<>();
        for (String g : unique) {
            unitOf.put(g, unitOf.size());
        }
        int[] byUnit = HiddenPartition.publicFolds(unique.size(), task.hidden(), folds, foldSeed);
        for (int i = 0; i < result.length; i++) {
            int r = labelled.get(i);
            result[i] = byUnit == null ? sourceFold[r] : byUnit[unitOf.get(groups.get(r))];
        }
        return result;
    }

    private static void readIdProp(BufferedReader in, Path file, List<String> names, List<String> labels)
            throws IOException {
        String line;
        int lineNo = 0;
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            List<String> f = Csv.split(line);
            if (f.size() < 2) {
                throw new TaskDataException(file + " line " + lineNo + ": expected 'file,label', got '" + line + "'");
            }
            names.add(f.get(0).trim());
            labels.add(f.get(1));
        }
    }

    private static void readLabels(TaskDefinition task, BufferedReader in, Path file, List<String> names,
            List<String> labels, List<String> folds, List<String> groups) throws IOException {
        String header = in.readLine();
        if (header == null) {
            throw new TaskDataException(file + " is empty");
        }
        if (header.startsWith("\uFEFF")) {
            header = header.substring(1);
        }
        List<String> columns = Csv.split(header);
        int nameCol = column(columns, task.structureColumn(), file);
        int labelCol = column(columns, task.label(), file);
        int foldCol = task.foldColumn() == null ? -1 : column(columns, task.foldColumn(), file);
        int groupCol = task.groupColumn() == null ? -1 : column(columns, task.groupColumn(), file);
        String line;
        int lineNo = 1;
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            List<String> f = Csv.split(line);
            if (f.size() != columns.size()) {
                throw new TaskDataException(file + " line " + lineNo + ": " + f.size() + " fields, header has "
                        + columns.size());
            }
            names.add(f.get(nameCol));
            labels.add(f.get(labelCol));
            folds.add(foldCol < 0 ? "" : f.get(foldCol));
            groups.add(groupCol < 0 ? "" : f.get(groupCol));
        }
    }

    private static int column(List<String> columns, String name, Path file) {
        int i = columns.indexOf(name);
        if (i < 0) {
            throw new TaskDataException(file + " has no column '" + name + "'; columns: " + columns);
        }
        return i;
    }

    private static double parseLabel(String text, Path file, int row, String column) {
        double v;
        try {
            v = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new TaskDataException(file + " data row " + (row + 1) + ": label " + column + " '" + text
                    + "' is not a number");
        }
        if (!Double.isFinite(v)) {
            throw new TaskDataException(file + " data row " + (row + 1) + ": label " + column + " is not finite: "
                    + text);
        }
        return v;
    }

    private static int parseFold(String text, int folds, Path file, int row, String column) {
        try {
            int k = Integer.parseInt(text.trim());
            if (k >= 0 && k < folds) {
                return k;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new TaskDataException(file + " data row " + (row + 1) + ": fold " + column + " '" + text
                + "' is not in [0, " + folds + ")");
    }
}
