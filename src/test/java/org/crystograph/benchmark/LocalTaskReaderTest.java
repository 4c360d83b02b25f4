package org.crystograph.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.crystograph.config.DataPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.crystograph.testing.Prerequisites;

/** LOCAL tasks read from the datasets directory (skipped, with the reason, when it is absent). */
class LocalTaskReaderTest {

    private static final TaskCatalog CATALOG = TaskCatalog.loadDefault();

    private static TaskDataReader reader() {
        var dir = DataPaths.dataDirectory();
        Prerequisites.require(dir.isPresent(), "datasets directory absent (set CRYSTOGRAPH_DATA_DIR)");
        return new TaskDataReader(CATALOG, dir, java.util.Optional.empty());
    }

    private static TaskData read(String key) {
        TaskDataReader r = reader();
        TaskDefinition t = CATALOG.require(key);
        Prerequisites.require(r.available(t), "data of " + key + " absent");
        return r.read(t);
    }

    @Test
    void catalogue_hasElevenOfficialAndNineLocalTasks() {
        assertThat(CATALOG.tasks()).hasSize(20);
        assertThat(CATALOG.tasks().stream().filter(t -> t.track() == TaskDefinition.Track.OFFICIAL)).hasSize(11);
        assertThat(CATALOG.presets().get(TaskCatalog.LOCAL_SET)).hasSize(9);
        assertThat(CATALOG.require("local_perov5_heat").label()).isEqualTo("heat_ref");
        assertThat(CATALOG.require("local_3dsc_tc").foldColumn()).isEqualTo("fold5_group_formula_seed42");
        assertThat(CATALOG.folds()).isEqualTo(5);
        assertThat(CATALOG.foldSeed()).isEqualTo(42);
    }

    @Test
    void officialTasks_withoutDataDirectory_areUnavailableNotErrors() {
        TaskDataReader r = new TaskDataReader(CATALOG, java.util.Optional.empty(), java.util.Optional.empty());
        assertThat(CATALOG.tasks()).noneMatch(r::available);
    }

    /** Every LOCAL task: N labelled rows and the spec's full-data test-fold sizes. */
    @ParameterizedTest
    @ValueSource(strings = {"local_alignn50_gap", "local_megnet100_kvrh", "local_jarvis271_eform",
        "local_perov5_heat", "local_carbon24_energy", "local_mc2d_gap", "local_2dmatpedia_exfoliation",
        "local_3dsc_tc", "local_coremof_lcd"})
    void localTask_sizesAndSourceFoldsMatchTheSpec(String key) {
        TaskData data = read(key);
        TaskDefinition t = data.task();
        assertThat(data.samples()).hasSize(t.n());
        int[] sizes = new int[5];
        data.samples().forEach(s -> sizes[s.sourceFold()]++);
        assertThat(sizes).containsExactly(t.testFoldSizes().stream().mapToInt(Integer::intValue).toArray());
        assertThat(data.samples().stream().map(TaskSample::sampleId).distinct()).hasSize(t.n());
        assertThat(data.sha256()).hasSize(64);
    }

    /**
     * The files' fold columns were made with the same KFold algorithm over the file's rows (or, for 3DSC, over the
     * sorted unique formulas): recompute them with our MT19937 splitter and compare every row.
     */
    @ParameterizedTest
    @ValueSource(strings = {"megnet-mp-bulk-moduli100:fold5_seed42", "jarvis-dft3d-271:fold5_seed42",
        "perov5-castelli:fold5_seed42", "carbon24-airss:fold5_seed42", "mc2d-mounet2018:fold5_seed42",
        "2dmatpedia-subset1224:fold5_seed42", "3dsc-mp-doped:fold5_seed42", "coremof2019-asr-le200:fold5_seed42",
        "3dsc-mp-doped:fold5_group_formula_seed42"})
    void foldColumns_agreeWithOurKFold(String spec) throws IOException {
        String[] parts = spec.split(":");
        Path csv = reader().localDir().orElseThrow().resolve(parts[0]).resolve("labels.csv");
        Prerequisites.require(Files.isRegularFile(csv), csv + " absent");
        List<List<String>> rows = new ArrayList<>();
        List<String> header;
        try (BufferedReader in = Files.newBufferedReader(csv)) {
            header = Csv.split(in.readLine());
            in.lines().forEach(l -> rows.add(Csv.split(l)));
        }
        int foldCol = header.indexOf(parts[1]);
        int[] expected = rows.stream().mapToInt(r -> Integer.parseInt(r.get(foldCol))).toArray();
        int[] ours;
        if (parts[1].contains("group")) {
            int groupCol = header.indexOf("formula_sc");
            List<String> groups = new ArrayList<>(new TreeSet<>(rows.stream().map(r -> r.get(groupCol)).toList()));
            assertThat(groups).hasSize(5780);
            int[] groupFold = KFoldSplit.of(groups.size(), 5, 42).foldOfEach();
            Map<String, Integer> index = new java.util.HashMap<>();
            for (int i = 0; i < groups.size(); i++) {
                index.put(groups.get(i), i);
            }
            ours = rows.stream().mapToInt(r -> groupFold[index.get(r.get(groupCol))]).toArray();
        } else {
            ours = KFoldSplit.of(rows.size(), 5, 42).foldOfEach();
        }
        assertThat(ours).isEqualTo(expected);
    }

    @Test
    void jarvis271_unlabelledRowsAreDropped_butKeepTheirIdNumbering() {
        TaskData data = read("local_jarvis271_eform");
        assertThat(data.fileRowCount()).isEqualTo(271);
        TaskSample first = data.samples().get(0);
        assertThat(first.sampleId()).isEqualTo("local_jarvis271_eform-001");
        assertThat(first.structureFile()).isEqualTo("POSCAR-JVASP-10.vasp");
        assertThat(first.label()).isEqualTo(-0.71026);
        assertThat(data.samples().stream().mapToInt(TaskSample::rowIndex).max().orElseThrow()).isLessThan(271);
        assertThat(data.samples().get(data.samples().size() - 1).rowIndex()).isGreaterThan(250);
    }

    @Test
    void hiddenTrack_holdsOutFifteenPercent_andPublicFoldsAreRebuiltByKFold() {
        TaskData data = read("local_perov5_heat");
        int hidden = HiddenPartition.hiddenCount(3787, 0.15);
        assertThat(hidden).isEqualTo(568);
        assertThat(data.hiddenSamples()).hasSize(568);
        List<TaskSample> pub = data.publicSamples();
        assertThat(pub).hasSize(3787 - 568);
        // public folds = KFold(5, shuffle, 42) over the public rows in file order
        int[] expected = KFoldSplit.of(pub.size(), 5, 42).foldOfEach();
        assertThat(pub.stream().mapToInt(TaskSample::publicFold).toArray()).isEqualTo(expected);
        assertThat(data.testSamples(0)).hasSize(644);
        assertThat(data.trainSamples(0)).hasSize(pub.size() - 644);
        // a first sample in the hidden set is chosen by the hidden seed's shuffle: stable across reads
        assertThat(read("local_perov5_heat").hiddenSamples()).isEqualTo(data.hiddenSamples());
    }

    @Test
    void threeDsc_hiddenTrackHoldsOutWholeFormulaGroups() throws IOException {
        TaskData data = read("local_3dsc_tc");
        Path csv = reader().localDir().orElseThrow().resolve("3dsc-mp-doped/labels.csv");
        List<String> formula = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(csv)) {
            in.readLine();
            in.lines().forEach(l -> formula.add(Csv.split(l).get(1)));
        }
        Set<String> hiddenGroups = data.hiddenSamples().stream().map(s -> formula.get(s.rowIndex()))
                .collect(Collectors.toSet());
        Set<String> publicGroups = new HashSet<>();
        data.publicSamples().forEach(s -> publicGroups.add(formula.get(s.rowIndex())));
        assertThat(hiddenGroups).hasSize(HiddenPartition.hiddenCount(5780, 0.15)).doesNotContainAnyElementsOf(
                publicGroups);
        // each formula's rows share one public fold
        Map<String, Set<Integer>> foldsOfGroup = data.publicSamples().stream().collect(Collectors.groupingBy(
                s -> formula.get(s.rowIndex()), Collectors.mapping(TaskSample::publicFold, Collectors.toSet())));
        assertThat(foldsOfGroup.values()).allMatch(f -> f.size() == 1);
    }

    @Test
    void alignn50_idPropTask_readsFileNamesFromTheHeaderlessTable() {
        TaskData data = read("local_alignn50_gap");
        assertThat(data.samples().get(0).structureFile()).isEqualTo("POSCAR-JVASP-90856.vasp");
        assertThat(data.samples().get(0).sampleId()).isEqualTo("local_alignn50_gap-01");
        assertThat(data.structureSource().getFileName().toString()).isEqualTo("poscar");
        assertThat(Files.isRegularFile(data.structureSource().resolve(data.samples().get(0).structureFile())))
                .isTrue();
        assertThat(data.hiddenSamples()).hasSize(8);
    }
}
