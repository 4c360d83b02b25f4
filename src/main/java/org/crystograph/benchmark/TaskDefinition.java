package org.crystograph.benchmark;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One benchmark task as described in {@code unconvbench/tasks.yaml}.
 *
 * @param key task key, also the prefix of its sample ids
 * @param track official UnconvBench task or LOCAL task built from the datasets directory
 * @param materialClass material class (UnconvBench category)
 * @param property human-readable property
 * @param label label column
 * @param unit unit of the label
 * @param n labelled rows expected in the file (the file is authoritative)
 * @param source upstream source
 * @param folder local tasks: folder under the datasets directory; null for official tasks
 * @param format file layout
 * @param structureColumn local {@code labels.csv} tasks: column naming the structure file inside the zip
 * @param structureFolder {@code id_prop.csv} tasks: folder holding the structure files
 * @param foldColumn local: column with the full-data 5-fold assignment; null = KFold over the file's rows
 * @param groupColumn local: the fold column is grouped by this column (folds over its sorted unique values)
 * @param testFoldSizes expected test-fold sizes of the full-data protocol
 * @param metric headline metric
 * @param hidden hidden-track settings; null = no hidden track
 * @param presets upstream presets containing the task
 * @param licence licence text shown on the task page
 * @param citation citation shown on the task page
 */
public record TaskDefinition(
        String key,
        Track track,
        @JsonProperty("class") String materialClass,
        String property,
        String label,
        String unit,
        int n,
        String source,
        String folder,
        Format format,
        @JsonProperty("structure_column") String structureColumn,
        @JsonProperty("structure_folder") String structureFolder,
        @JsonProperty("fold_column") String foldColumn,
        @JsonProperty("group_column") String groupColumn,
        @JsonProperty("test_fold_sizes") List<Integer> testFoldSizes,
        String metric,
        HiddenTrack hidden,
        List<String> presets,
        String licence,
        String citation) {

    /** Which task family. */
    public enum Track {
        /** Official UnconvBench v1.0.1 task. */
        @JsonProperty("official") OFFICIAL,
        /** LOCAL task built from the datasets directory. */
        @JsonProperty("local") LOCAL
    }

    /** File layout of a task's data. */
    public enum Format {
        /** {@code ub_<key>.json}, pandas "split" layout of pymatgen structure dicts. */
        @JsonProperty("ub_json") UB_JSON,
        /** {@code cifs.zip} + {@code labels.csv}. */
        @JsonProperty("cifs.zip") CIFS_ZIP,
        /** {@code poscars.zip} + {@code labels.csv}. */
        @JsonProperty("poscars.zip") POSCARS_ZIP,
        /** {@code id_prop.csv} (no header: file name, label) + a folder of structure files. */
        @JsonProperty("id_prop.csv") ID_PROP_CSV
    }

    /**
     * Hidden test track: a seeded share of the labelled rows (or groups) is held out before the public folds are
     * built.
     *
     * @param fraction share held out, in [0, 1)
     * @param seed seed of the hold-out shuffle (MT19937, same shuffle as the folds)
     */
    public record HiddenTrack(double fraction, long seed) {
        /** Validates the fraction and seed. */
        public HiddenTrack {
            if (!(fraction >= 0 && fraction < 1)) {
                throw new IllegalArgumentException("hidden fraction must be in [0, 1), got " + fraction);
            }
            if (seed < 0 || seed > 0xffffffffL) {
                throw new IllegalArgumentException("hidden seed must be in [0, 2^32), got " + seed);
            }
        }
    }

    /** Validates the fields that the readers rely on. */
    public TaskDefinition {
        if (key == null || !key.matches("[a-z0-9_]+")) {
            throw new IllegalArgumentException("task key must match [a-z0-9_]+, got " + key);
        }
        if (track == null || format == null || label == null || label.isBlank()) {
            throw new IllegalArgumentException("task " + key + ": track, format and label are required");
        }
        if (n <= 0) {
            throw new IllegalArgumentException("task " + key + ": n must be positive, got " + n);
        }
        if (track == Track.OFFICIAL && format != Format.UB_JSON) {
            throw new IllegalArgumentException("official task " + key + " must use format ub_json, got " + format);
        }
        if (track == Track.LOCAL) {
            if (folder == null || folder.isBlank()) {
                throw new IllegalArgumentException("local task " + key + " needs a folder");
            }
            if (format == Format.UB_JSON) {
                throw new IllegalArgumentException("local task " + key + " cannot use format ub_json");
            }
            if (format != Format.ID_PROP_CSV && (structureColumn == null || structureColumn.isBlank())) {
                throw new IllegalArgumentException("local task " + key + " needs a structure_column");
            }
        }
        if (groupColumn != null && foldColumn == null) {
            throw new IllegalArgumentException("task " + key + ": group_column needs a fold_column");
        }
        testFoldSizes = testFoldSizes == null ? List.of() : List.copyOf(testFoldSizes);
        presets = presets == null ? List.of() : List.copyOf(presets);
        metric = metric == null ? "mae" : metric;
    }

    /** Whether the task carries a hidden test track with a positive share. */
    public boolean hasHiddenTrack() {
        return hidden != null && hidden.fraction() > 0;
    }
}
