package org.crystograph.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.crystograph.structure.Lattice;
import org.crystograph.structure.Site;
import org.crystograph.structure.Structure;

/**
 * Benchmark inputs: cubic-perovskite (SrTiO3, a = 3.905 A) supercells of 1 x 2 x m formula-unit cells with every
 * atom displaced by a seeded random offset, so that no two requests are the same. m = 5 gives 50 atoms.
 */
final class BenchCells {

    /** SrTiO3 cubic lattice constant, Angstrom. */
    static final double LATTICE_ANGSTROM = 3.905;
    /** Largest random displacement per Cartesian component, Angstrom. */
    static final double JITTER_ANGSTROM = 0.05;
    /** Atoms per perovskite formula unit. */
    static final int ATOMS_PER_UNIT = 5;

    private static final String[] SYMBOLS = {"Sr", "Ti", "O", "O", "O"};
    private static final double[][] FRACTIONS = {{0, 0, 0}, {0.5, 0.5, 0.5}, {0.5, 0.5, 0}, {0.5, 0, 0.5},
        {0, 0.5, 0.5}};

    private BenchCells() {
    }

    /**
     * {@code count} distinct supercells of {@code atoms} atoms (a multiple of 10).
     *
     * @throws IllegalArgumentException when atoms is not a positive multiple of 10
     */
    static List<Structure> perovskites(int atoms, int count, long seed) {
        if (atoms < 2 * ATOMS_PER_UNIT || atoms % (2 * ATOMS_PER_UNIT) != 0) {
            throw new IllegalArgumentException("atoms must be a positive multiple of 10, got " + atoms);
        }
        int m = atoms / (2 * ATOMS_PER_UNIT);
        int[] reps = {1, 2, m};
        Lattice lattice = new Lattice(new double[][] {{LATTICE_ANGSTROM, 0, 0}, {0, 2 * LATTICE_ANGSTROM, 0},
            {0, 0, m * LATTICE_ANGSTROM}});
        Random rng = new Random(seed);
        List<Structure> out = new ArrayList<>(count);
        for (int c = 0; c < count; c++) {
            List<Site> sites = new ArrayList<>(atoms);
            for (int i = 0; i < reps[0]; i++) {
                for (int j = 0; j < reps[1]; j++) {
                    for (int k = 0; k < reps[2]; k++) {
                        for (int s = 0; s < SYMBOLS.length; s++) {
                            double[] f = {
                                (i + FRACTIONS[s][0]) / reps[0] + jitter(rng) / (reps[0] * LATTICE_ANGSTROM),
                                (j + FRACTIONS[s][1]) / reps[1] + jitter(rng) / (reps[1] * LATTICE_ANGSTROM),
                                (k + FRACTIONS[s][2]) / reps[2] + jitter(rng) / (reps[2] * LATTICE_ANGSTROM),
                            };
                            sites.add(Site.of(SYMBOLS[s], f[0], f[1], f[2]));
                        }
                    }
                }
            }
            out.add(new Structure(lattice, sites));
        }
        return out;
    }

    private static double jitter(Random rng) {
        return (2 * rng.nextDouble() - 1) * JITTER_ANGSTROM;
    }

    /** A P1 CIF of an orthogonal-cell structure, as a client would send it. */
    static String cif(Structure s, String name) {
        Lattice l = s.lattice();
        StringBuilder b = new StringBuilder();
        b.append("data_").append(name).append('\n');
        b.append("_symmetry_space_group_name_H-M   'P 1'\n");
        b.append(String.format(Locale.ROOT, "_cell_length_a   %.6f%n_cell_length_b   %.6f%n_cell_length_c   %.6f%n",
                l.a(), l.b(), l.c()));
        b.append(String.format(Locale.ROOT, "_cell_angle_alpha   %.6f%n_cell_angle_beta   %.6f%n"
                + "_cell_angle_gamma   %.6f%n", l.alpha(), l.beta(), l.gamma()));
        b.append("loop_\n_symmetry_equiv_pos_as_xyz\n  'x, y, z'\n");
        b.append("loop_\n_atom_site_label\n_atom_site_type_symbol\n_atom_site_fract_x\n_atom_site_fract_y\n"
                + "_atom_site_fract_z\n_atom_site_occupancy\n");
        for (int i = 0; i < s.size(); i++) {
            Site site = s.site(i);
            String el = site.species().get(0).symbol();
            b.append(String.format(Locale.ROOT, "  %s%d %s %.6f %.6f %.6f 1%n", el, i + 1, el, site.frac(0),
                    site.frac(1), site.frac(2)));
        }
        return b.toString();
    }
}
