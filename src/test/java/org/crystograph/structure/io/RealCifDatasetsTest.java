package org.crystograph.structure.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.crystograph.structure.ReadOptions;
import org.crystograph.structure.Structure;
import org.junit.jupiter.api.Test;

/**
 * Real CIFs with symmetry operations and partial occupancies: each cell's element fractions must equal an independent
 * formula within 1% relative; for the pymatgen-written 3DSC files also pymatgen's own cell amounts and volume. 3DSC (10,848 pymatgen-written CIFs, {@code formula_sc} from labels.csv): all of them
 * (about 10 s; {@code -Dcrystograph.datasetStride=N} checks every N-th only). cgcnn-sample
 * (10 COD CIFs): all, against their {@code _chemical_formula_sum}.
 */
class RealCifDatasetsTest {

    private static final int THREE_DSC_STRIDE = Integer.getInteger("crystograph.datasetStride", 1);
    private static final double FRACTION_REL_TOLERANCE = 0.01;
    private static final double PYMATGEN_AMOUNT_ABS = 1e-4;
    private static final double VOLUME_REL = 1e-4;
    private static final Pattern CELL_VOLUME = Pattern.compile("(?m)^_cell_volume\\s+([0-9.]+)");
    private static final Pattern FORMULA_SUM = Pattern.compile("(?m)^_chemical_formula_sum\\s+['\"]?([^'\"\\n]+)['\"]?");

    @Test
    void cgcnnSample_allCodCifs_matchTheirFormulaSum() throws IOException {
        Path dir = P1DatasetsTest.dataset("cgcnn-sample/cif");
        List<String> failures = new ArrayList<>();
        int n = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                String text = Files.readString(f, StandardCharsets.ISO_8859_1);
                Matcher m = FORMULA_SUM.matcher(text);
                assertThat(m.find()).as(f + " has _chemical_formula_sum").isTrue();
                List<ParsedStructure> all = StructureReaders.read(f);
                assertThat(all).as(f.toString()).hasSize(1);
                Structure s = all.get(0).structure();
                String mismatch = Formula.mismatch(s.composition(), Formula.amounts(m.group(1).trim()),
                        FRACTION_REL_TOLERANCE);
                if (mismatch != null) {
                    failures.add(f.getFileName() + ": " + mismatch);
                }
                n++;
            }
        }
        assertThat(failures).isEmpty();
        assertThat(n).isEqualTo(10);
    }

    @Test
    void codNaCl1000041_expandsToEightSites() {
        Path f = P1DatasetsTest.dataset("cgcnn-sample/cif/1000041.cif");
        Structure s = StructureReaders.read(f).get(0).structure();
        assertThat(s.size()).isEqualTo(8);
        assertThat(s.composition()).isEqualTo(Map.of("Cl", 4.0, "Na", 4.0));
    }

    /**
     * The 3DSC CIFs were written by pymatgen, which put its own reading of the cell into {@code _chemical_formula_sum}
     * (element amounts in the cell, printed with up to 8 significant digits) and {@code _cell_volume}: our cell
     * must carry the same amounts (within {@value #PYMATGEN_AMOUNT_ABS} absolute) and volume ({@value #VOLUME_REL}
     * relative).
     */
    private static String pymatgenMismatch(ZipFile zip, ZipEntry e, Structure s) {
        String text;
        try (var in = zip.getInputStream(e)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        Matcher m = FORMULA_SUM.matcher(text);
        Matcher v = CELL_VOLUME.matcher(text);
        if (!m.find() || !v.find()) {
            return "no _chemical_formula_sum or _cell_volume";
        }
        Map<String, Double> expected = Formula.amounts(m.group(1).trim());
        Map<String, Double> actual = s.composition();
        if (!expected.keySet().equals(actual.keySet())) {
            return "pymatgen elements " + expected.keySet() + " vs " + actual.keySet();
        }
        for (String k : expected.keySet()) {
            if (Math.abs(expected.get(k) - actual.get(k)) > PYMATGEN_AMOUNT_ABS) {
                return "amount of " + k + " " + actual.get(k) + " vs pymatgen " + expected.get(k);
            }
        }
        double vol = Double.parseDouble(v.group(1));
        if (Math.abs(s.volume() - vol) > VOLUME_REL * vol) {
            return "volume " + s.volume() + " vs pymatgen " + vol;
        }
        return null;
    }

    @Test
    void threeDsc_allCifs_matchFormulaScAndPymatgensOwnAmountsAndVolume() throws IOException {
        Path zipPath = P1DatasetsTest.dataset("3dsc-mp-doped/cifs.zip");
        Map<String, String> formula = new HashMap<>();
        List<String> labels = Files.readAllLines(zipPath.resolveSibling("labels.csv"));
        for (String line : labels.subList(1, labels.size())) {
            String[] c = line.split(",");
            formula.put(c[0], c[1]);
        }
        List<String> failures = new ArrayList<>();
        int n = 0;
        long t0 = System.nanoTime();
        try (ZipFile zip = new ZipFile(zipPath.toFile())) {
            List<? extends ZipEntry> entries = java.util.Collections.list(zip.entries());
            for (int i = 0; i < entries.size(); i += THREE_DSC_STRIDE) {
                ZipEntry e = entries.get(i);
                try {
                    List<ParsedStructure> all = StructureReaders.readZipEntry(zip, e, Optional.empty(),
                            ReadOptions.defaults());
                    String expected = formula.get(e.getName());
                    assertThat(expected).as(e.getName() + " in labels.csv").isNotNull();
                    String mismatch = all.size() != 1 ? all.size() + " structures"
                            : Formula.mismatch(all.get(0).structure().composition(), Formula.amounts(expected),
                                    FRACTION_REL_TOLERANCE);
                    if (mismatch != null) {
                        failures.add(e.getName() + ": " + mismatch);
                    }
                    String pymatgen = pymatgenMismatch(zip, e, all.get(0).structure());
                    if (pymatgen != null) {
                        failures.add(e.getName() + ": " + pymatgen);
                    }
                } catch (RuntimeException ex) {
                    failures.add(e.getName() + ": " + ex);
                }
                n++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.printf("3DSC: %d CIFs checked (stride %d), %d failures, %.1f s%n", n, THREE_DSC_STRIDE,
                failures.size(), (System.nanoTime() - t0) / 1e9);
        assertThat(failures).as("failures (" + failures.size() + ")").isEmpty();
    }
}
