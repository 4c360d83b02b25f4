package org.crystograph.structure.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.crystograph.structure.ReadOptions;
import org.crystograph.structure.Site;
import org.crystograph.structure.Structure;
import org.crystograph.structure.StructureException;
import org.junit.jupiter.api.Test;

/**
 * CIFs that name their space group without listing its operations: the operations come from the space-group table,
 * and the structure must be the one the same CIF gives with its operations listed (every fixture, and the COD files of
 * the cgcnn sample by Hall symbol, Hermann-Mauguin symbol and number). Symbols that fit settings with different
 * operations are refused unless the cell decides them exactly.
 */
class SpaceGroupSymbolTest {

    private static final double POSITION_TOLERANCE = 1e-6;
    private static final String[] FIXTURES = {
        "caf2_fluorite_fm-3m.cif", "cu3au_disordered_fm-3m.cif", "mg_hcp_p63mmc.cif", "nacl_fm-3m.cif",
        "si_diamond_fd-3m.cif", "tio2_rutile_p42mnm.cif", "zno_wurtzite_p63mc.cif", "zro2_baddeleyite_p21c.cif",
    };

    private static ParsedStructure read(String text) {
        List<ParsedStructure> all = StructureReaders.read(text, Optional.of(Format.CIF), "test.cif",
                ReadOptions.defaults());
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    /** The CIF without its loop of symmetry operations. */
    static String withoutOperations(String cif) {
        StringBuilder out = new StringBuilder();
        String[] lines = cif.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String next = i + 1 < lines.length ? lines[i + 1].strip().toLowerCase() : "";
            if (lines[i].strip().equalsIgnoreCase("loop_")
                    && (next.startsWith("_symmetry_equiv_pos") || next.startsWith("_space_group_symop"))) {
                i++;
                while (i < lines.length && lines[i].strip().startsWith("_")) {
                    i++; // the loop's tags
                }
                while (i < lines.length && !lines[i].strip().isEmpty() && !lines[i].strip().startsWith("_")
                        && !lines[i].strip().startsWith("loop_") && !lines[i].strip().startsWith("#")) {
                    i++; // its rows
                }
                i--;
                continue;
            }
            out.append(lines[i]).append('\n');
        }
        return out.toString();
    }

    /** The CIF without the lines of the given tags (case-insensitive). */
    private static String withoutTags(String cif, String... tags) {
        StringBuilder out = new StringBuilder();
        for (String line : cif.split("\n", -1)) {
            String lower = line.strip().toLowerCase();
            boolean drop = false;
            for (String tag : tags) {
                drop |= lower.startsWith(tag.toLowerCase() + " ") || lower.startsWith(tag.toLowerCase() + "\t");
            }
            if (!drop) {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }

    /** Same cell, and every site of one has a site of the same species at the same position in the other. */
    private static void assertSameStructure(Structure actual, Structure expected, String what) {
        assertThat(actual.size()).as(what + ": sites").isEqualTo(expected.size());
        assertThat(actual.composition()).as(what + ": composition").isEqualTo(expected.composition());
        Set<Integer> matched = new HashSet<>();
        for (Site a : actual.sites()) {
            int found = -1;
            for (int j = 0; j < expected.size() && found < 0; j++) {
                Site e = expected.sites().get(j);
                if (!matched.contains(j) && e.species().equals(a.species())
                        && periodicDistance(a.frac(), e.frac()) < POSITION_TOLERANCE) {
                    found = j;
                }
            }
            assertThat(found).as(what + ": a site matching " + a).isNotNegative();
            matched.add(found);
        }
    }

    private static double periodicDistance(double[] a, double[] b) {
        double max = 0;
        for (int k = 0; k < 3; k++) {
            double d = a[k] - b[k];
            d -= Math.rint(d);
            max = Math.max(max, Math.abs(d));
        }
        return max;
    }

    @Test
    void everyFixture_readByItsSymbol_isTheStructureItsOperationsGive() {
        for (String fixture : FIXTURES) {
            String cif = Fixtures.text(fixture);
            Structure withOps = read(cif).structure();

            ParsedStructure bySymbol = read(withoutOperations(cif));

            assertSameStructure(bySymbol.structure(), withOps, fixture);
            assertThat(bySymbol.warnings()).as(fixture).anyMatch(w -> w.startsWith("symmetry operations generated"
                    + " from space group"));
        }
    }

    @Test
    void codCifs_byHallSymbol_byHermannMauguinSymbol_andByNumber() throws IOException {
        Path dir = P1DatasetsTest.dataset("cgcnn-sample/cif");
        int byHall = 0;
        int bySymbol = 0;
        int byNumber = 0;
        List<String> refusedNumbers = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                String cif = Files.readString(f, StandardCharsets.ISO_8859_1);
                Structure withOps = read(cif).structure();
                String noOps = withoutOperations(cif);
                assertThat(noOps).as(f + " had its operations removed").isNotEqualTo(cif);
                if (cif.contains("_symmetry_space_group_name_Hall")) {
                    assertSameStructure(read(noOps).structure(), withOps, f + " by Hall symbol");
                    byHall++;
                }
                String noHall = withoutTags(noOps, "_symmetry_space_group_name_Hall", "_space_group_name_Hall");
                if (noHall.contains("_symmetry_space_group_name_H-M")) {
                    assertSameStructure(read(noHall).structure(), withOps, f + " by H-M symbol");
                    bySymbol++;
                }
                String numberOnly = withoutTags(noHall, "_symmetry_space_group_name_H-M");
                try {
                    assertSameStructure(read(numberOnly).structure(), withOps, f + " by number");
                    byNumber++;
                } catch (StructureException e) {
                    refusedNumbers.add(f.getFileName() + ": " + e.getMessage());
                }
            }
        }
        assertThat(byHall).isEqualTo(10);
        assertThat(bySymbol).isEqualTo(10);
        // by number alone, the groups with two origin choices are refused: three of No. 227, one of No. 141
        assertThat(byNumber).isEqualTo(6);
        assertThat(refusedNumbers).hasSize(4).allMatch(m -> m.contains("F d -3 m:1, F d -3 m:2")
                || m.contains("I 41/a m d:1, I 41/a m d:2"));
    }

    private static final String CUBIC_CELL = """
            _cell_length_a 5.64
            _cell_length_b 5.64
            _cell_length_c 5.64
            _cell_angle_alpha 90
            _cell_angle_beta 90
            _cell_angle_gamma 90
            """;

    private static String cif(String cell, String symmetry, String atoms) {
        return "data_t\n" + cell + symmetry + "loop_\n_atom_site_label\n_atom_site_type_symbol\n_atom_site_fract_x\n"
                + "_atom_site_fract_y\n_atom_site_fract_z\n" + atoms;
    }

    @Test
    void spellingsOfOneSymbol_giveOneStructure() {
        String atoms = "Na1 Na 0 0 0\nCl1 Cl 0.5 0.5 0.5\n";
        Structure reference = read(cif(CUBIC_CELL, "_space_group_name_H-M_alt 'F m -3 m'\n", atoms)).structure();
        assertThat(reference.size()).isEqualTo(8);
        for (String symbol : List.of("Fm-3m", "F m 3 m", "Fm3m", "fm-3m")) {
            Structure s = read(cif(CUBIC_CELL, "_symmetry_space_group_name_H-M '" + symbol + "'\n", atoms))
                    .structure();
            assertSameStructure(s, reference, symbol);
        }
        assertSameStructure(read(cif(CUBIC_CELL, "_space_group_IT_number 225\n", atoms)).structure(), reference,
                "No. 225");
        assertSameStructure(read(cif(CUBIC_CELL, "_space_group_name_Hall '-F 4 2 3'\n", atoms)).structure(),
                reference, "Hall");
    }

    @Test
    void originChoices_areRefusedUnlessNamed_andBothNamedChoicesGiveDiamond() {
        String cell = CUBIC_CELL.replace("5.64", "5.4307");
        assertThatThrownBy(() -> read(cif(cell, "_symmetry_space_group_name_H-M 'F d -3 m'\n", "Si1 Si 0 0 0\n")))
                .isInstanceOf(StructureException.class)
                .hasMessageContaining("F d -3 m:1, F d -3 m:2")
                .satisfies(e -> assertThat(((StructureException) e).line()).isEqualTo(8));

        Structure choice1 = read(cif(cell, "_symmetry_space_group_name_H-M 'F d -3 m :1'\n", "Si1 Si 0 0 0\n"))
                .structure();
        Structure choice2 = read(cif(cell, "_symmetry_space_group_name_H-M 'Fd-3m:2'\n",
                "Si1 Si 0.125 0.125 0.125\n")).structure();
        assertThat(choice1.size()).isEqualTo(8);
        assertThat(choice2.size()).isEqualTo(8);
        // the same crystal about another origin: every atom sees the same neighbours (4 at a sqrt(3) / 4, 12 at
        // a / sqrt(2), ...)
        for (int i = 0; i < 8; i++) {
            assertThat(neighbourDistances(choice2, i)).isEqualTo(neighbourDistances(choice1, 0));
        }
        assertThat(neighbourDistances(choice1, 0).subList(0, 4)).containsOnly(Math.round(5.4307 * Math.sqrt(3) / 4 * 1e5));
    }

    /** Distances from site i to every site image within 6 A, in units of 1e-5 A, sorted. */
    private static List<Long> neighbourDistances(Structure s, int i) {
        List<Long> out = new ArrayList<>();
        double[] from = s.lattice().toCartesian(s.sites().get(i).frac());
        for (Site t : s.sites()) {
            for (int a = -2; a <= 2; a++) {
                for (int b = -2; b <= 2; b++) {
                    for (int c = -2; c <= 2; c++) {
                        double[] f = t.frac();
                        double[] x = s.lattice().toCartesian(new double[] {f[0] + a, f[1] + b, f[2] + c});
                        double d = Math.sqrt(Math.pow(x[0] - from[0], 2) + Math.pow(x[1] - from[1], 2)
                                + Math.pow(x[2] - from[2], 2));
                        if (d > 1e-6 && d < 6) {
                            out.add(Math.round(d * 1e5));
                        }
                    }
                }
            }
        }
        out.sort(null);
        return out;
    }

    @Test
    void rhombohedralGroup_takesItsAxesFromTheCell() {
        String hexagonal = """
                _cell_length_a 3.0
                _cell_length_b 3.0
                _cell_length_c 15.0
                _cell_angle_alpha 90
                _cell_angle_beta 90
                _cell_angle_gamma 120
                """;
        String rhombohedral = """
                _cell_length_a 5.2
                _cell_length_b 5.2
                _cell_length_c 5.2
                _cell_angle_alpha 40
                _cell_angle_beta 40
                _cell_angle_gamma 40
                """;
        String monoclinic = hexagonal.replace("_cell_angle_gamma 120", "_cell_angle_gamma 100");
        String atoms = "Bi1 Bi 0 0 0.2\n";

        ParsedStructure h = read(cif(hexagonal, "_symmetry_space_group_name_H-M 'R -3 m'\n", atoms));
        ParsedStructure r = read(cif(rhombohedral, "_symmetry_space_group_name_H-M 'R -3 m'\n",
                "Bi1 Bi 0.2 0.2 0.2\n"));

        assertThat(h.structure().size()).isEqualTo(6); // 6c, hexagonal axes: R centring triples the sites
        assertThat(h.warnings()).anyMatch(w -> w.contains("R -3 m:H"));
        assertThat(r.structure().size()).isEqualTo(2);
        assertThat(r.warnings()).anyMatch(w -> w.contains("R -3 m:R"));
        assertThatThrownBy(() -> read(cif(monoclinic, "_symmetry_space_group_name_H-M 'R -3 m'\n", atoms)))
                .isInstanceOf(StructureException.class).hasMessageContaining("neither hexagonal nor rhombohedral");
    }

    @Test
    void numberAlone_ofAGroupWithSeveralSettings_saysWhichItUsed() {
        String cell = """
                _cell_length_a 5.1
                _cell_length_b 5.2
                _cell_length_c 5.3
                _cell_angle_alpha 90
                _cell_angle_beta 99.2
                _cell_angle_gamma 90
                """;
        ParsedStructure p = read(cif(cell, "_symmetry_Int_Tables_number 14\n", "Zr1 Zr 0.27 0.04 0.21\n"));
        assertThat(p.structure().size()).isEqualTo(4);
        assertThat(p.warnings()).anyMatch(w -> w.contains("P 1 21/c 1") && w.contains("standard one was used"));
    }

    @Test
    void badSymbols_areRefusedWithLineAndTag() {
        String atoms = "Na1 Na 0 0 0\n";
        assertThatThrownBy(() -> read(cif(CUBIC_CELL, "_symmetry_space_group_name_H-M 'P 7'\n", atoms)))
                .isInstanceOf(StructureException.class)
                .hasMessageContaining("'P 7' is not a Hermann-Mauguin symbol")
                .satisfies(e -> assertThat(((StructureException) e).field()).isEqualTo("_symmetry_space_group_name_h-m"));
        assertThatThrownBy(() -> read(cif(CUBIC_CELL, "_space_group_name_Hall '-Q 4 2 3'\n", atoms)))
                .isInstanceOf(StructureException.class).hasMessageContaining("Hall symbol '-Q 4 2 3'");
        assertThatThrownBy(() -> read(cif(CUBIC_CELL, "_space_group_IT_number 231\n", atoms)))
                .isInstanceOf(StructureException.class).hasMessageContaining("not in 1..230");
        assertThatThrownBy(() -> read(cif(CUBIC_CELL, "_space_group_IT_number 2x5\n", atoms)))
                .isInstanceOf(StructureException.class).hasMessageContaining("not a space-group number");
        assertThatThrownBy(() -> read(cif(CUBIC_CELL,
                "_symmetry_space_group_name_H-M 'F m -3 m'\n_symmetry_Int_Tables_number 221\n", atoms)))
                .isInstanceOf(StructureException.class)
                .hasMessageContaining("is 221 but")
                .hasMessageContaining("No. 225")
                .satisfies(e -> assertThat(((StructureException) e).line()).isEqualTo(9));
        assertThatThrownBy(() -> read(cif(CUBIC_CELL, "_symmetry_space_group_name_H-M 'P 1 21/c 1:3'\n", atoms)))
                .isInstanceOf(StructureException.class).hasMessageContaining("setting '3' does not exist");
    }

    @Test
    void table_holdsEveryGroup_andEverySettingIsAGroup() {
        List<SpaceGroups.Setting> settings = SpaceGroups.settings();
        assertThat(settings.stream().map(SpaceGroups.Setting::number).distinct().count()).isEqualTo(230);
        assertThat(settings.stream().map(SpaceGroups.Setting::hall).distinct().count()).isGreaterThanOrEqualTo(530);
        for (SpaceGroups.Setting s : settings) {
            assertThat(s.operations()).as(s.name()).contains(SymmetryOperation.IDENTITY);
            Set<String> ops = new HashSet<>();
            for (SymmetryOperation op : s.operations()) {
                ops.add(reduced(op));
            }
            assertThat(ops).as(s.name() + ": no operation twice").hasSize(s.operations().size());
            for (SymmetryOperation a : s.operations()) {
                for (SymmetryOperation b : s.operations()) {
                    assertThat(ops).as(s.name() + ": closed under composition").contains(reduced(compose(a, b)));
                }
            }
        }
        assertThat(Map.of("P1", SpaceGroups.byNumber(1, null).setting().operations().size(),
                "Fm-3m", SpaceGroups.byNumber(225, null).setting().operations().size()))
                .isEqualTo(Map.of("P1", 1, "Fm-3m", 192));
    }

    private static SymmetryOperation compose(SymmetryOperation a, SymmetryOperation b) {
        double[] ra = a.rotation();
        double[] rb = b.rotation();
        double[] r = new double[9];
        double[] t = new double[3];
        double[] tb = b.translation();
        double[] ta = a.translation();
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 3; k++) {
                    r[i * 3 + j] += ra[i * 3 + k] * rb[k * 3 + j];
                }
                t[i] += ra[i * 3 + j] * tb[j];
            }
            t[i] += ta[i];
        }
        return new SymmetryOperation(r, t);
    }

    /** The operation with its translation reduced to [0, 1) and rounded to 1/24, as a string. */
    private static String reduced(SymmetryOperation op) {
        double[] t = op.translation();
        StringBuilder b = new StringBuilder(java.util.Arrays.toString(op.rotation()));
        for (double x : t) {
            long k = Math.round(x * 24) % 24;
            b.append(' ').append(k < 0 ? k + 24 : k);
        }
        return b.toString();
    }
}
