package org.crystograph.structure.io;

import java.util.List;
import java.util.Locale;
import org.crystograph.structure.Lattice;

/**
 * One cell and its atoms written in each of the five formats, so that a reader rule can be checked in all of them
 * with the same content. Numbers are written with 17 significant digits (round trip exact).
 */
final class Written {

    /** One atom: element, occupancy and fractional position. */
    record Atom(String symbol, double occupancy, double x, double y, double z) {
        static Atom of(String symbol, double x, double y, double z) {
            return new Atom(symbol, 1.0, x, y, z);
        }
    }

    private Written() {
    }

    /** The text of {@code rows} (a, b, c in Angstrom) and {@code atoms} in {@code format}. */
    static String as(Format format, double[][] rows, List<Atom> atoms) {
        return switch (format) {
            case CIF -> cif(rows, atoms);
            case POSCAR -> poscar(rows, atoms);
            case EXTXYZ -> extxyz(rows, atoms);
            case PYMATGEN_JSON -> pymatgen(rows, atoms);
            case OPTIMADE_JSON -> optimade(rows, atoms);
        };
    }

    private static String n(double v) {
        return String.format(Locale.ROOT, "%.17g", v);
    }

    static String cif(double[][] rows, List<Atom> atoms) {
        StringBuilder b = new StringBuilder("data_written\n_symmetry_space_group_name_H-M 'P 1'\n");
        double[] len = new double[3];
        for (int k = 0; k < 3; k++) {
            len[k] = Math.sqrt(rows[k][0] * rows[k][0] + rows[k][1] * rows[k][1] + rows[k][2] * rows[k][2]);
        }
        double alpha = angle(rows[1], rows[2]);
        double beta = angle(rows[0], rows[2]);
        double gamma = angle(rows[0], rows[1]);
        b.append("_cell_length_a ").append(n(len[0])).append('\n');
        b.append("_cell_length_b ").append(n(len[1])).append('\n');
        b.append("_cell_length_c ").append(n(len[2])).append('\n');
        b.append("_cell_angle_alpha ").append(n(alpha)).append('\n');
        b.append("_cell_angle_beta ").append(n(beta)).append('\n');
        b.append("_cell_angle_gamma ").append(n(gamma)).append('\n');
        b.append("loop_\n_atom_site_label\n_atom_site_type_symbol\n_atom_site_fract_x\n_atom_site_fract_y\n"
                + "_atom_site_fract_z\n_atom_site_occupancy\n");
        int i = 0;
        for (Atom a : atoms) {
            b.append(a.symbol()).append(++i).append(' ').append(a.symbol()).append(' ').append(n(a.x())).append(' ')
                    .append(n(a.y())).append(' ').append(n(a.z())).append(' ').append(n(a.occupancy())).append('\n');
        }
        return b.toString();
    }

    static String poscar(double[][] rows, List<Atom> atoms) {
        StringBuilder b = new StringBuilder("written\n1.0\n");
        for (double[] r : rows) {
            b.append(n(r[0])).append(' ').append(n(r[1])).append(' ').append(n(r[2])).append('\n');
        }
        // one species block per run of equal symbols, in order
        StringBuilder symbols = new StringBuilder();
        StringBuilder counts = new StringBuilder();
        int i = 0;
        while (i < atoms.size()) {
            int j = i;
            while (j < atoms.size() && atoms.get(j).symbol().equals(atoms.get(i).symbol())) {
                j++;
            }
            symbols.append(atoms.get(i).symbol()).append(' ');
            counts.append(j - i).append(' ');
            i = j;
        }
        b.append(symbols.toString().strip()).append('\n').append(counts.toString().strip()).append("\nDirect\n");
        for (Atom a : atoms) {
            b.append(n(a.x())).append(' ').append(n(a.y())).append(' ').append(n(a.z())).append('\n');
        }
        return b.toString();
    }

    static String extxyz(double[][] rows, List<Atom> atoms) {
        StringBuilder b = new StringBuilder().append(atoms.size()).append("\nLattice=\"");
        for (int k = 0; k < 3; k++) {
            b.append(n(rows[k][0])).append(' ').append(n(rows[k][1])).append(' ').append(n(rows[k][2]))
                    .append(k < 2 ? " " : "");
        }
        b.append("\" Properties=species:S:1:pos:R:3\n");
        for (Atom a : atoms) {
            double[] x = cartesian(rows, a);
            b.append(a.symbol()).append(' ').append(n(x[0])).append(' ').append(n(x[1])).append(' ').append(n(x[2]))
                    .append('\n');
        }
        return b.toString();
    }

    static String pymatgen(double[][] rows, List<Atom> atoms) {
        StringBuilder b = new StringBuilder("{\"@module\": \"pymatgen.core.structure\", \"@class\": \"Structure\",")
                .append(" \"lattice\": {\"matrix\": ").append(matrix(rows)).append("}, \"sites\": [");
        for (int i = 0; i < atoms.size(); i++) {
            Atom a = atoms.get(i);
            b.append(i > 0 ? ", " : "").append("{\"species\": [{\"element\": \"").append(a.symbol())
                    .append("\", \"occu\": ").append(n(a.occupancy())).append("}], \"abc\": [").append(n(a.x()))
                    .append(", ").append(n(a.y())).append(", ").append(n(a.z())).append("], \"label\": \"")
                    .append(a.symbol()).append("\"}");
        }
        return b.append("]}").toString();
    }

    static String optimade(double[][] rows, List<Atom> atoms) {
        StringBuilder positions = new StringBuilder();
        StringBuilder names = new StringBuilder();
        StringBuilder species = new StringBuilder();
        for (int i = 0; i < atoms.size(); i++) {
            Atom a = atoms.get(i);
            double[] x = cartesian(rows, a);
            String name = a.symbol() + i;
            positions.append(i > 0 ? ", " : "").append('[').append(n(x[0])).append(", ").append(n(x[1])).append(", ")
                    .append(n(x[2])).append(']');
            names.append(i > 0 ? ", " : "").append('"').append(name).append('"');
            species.append(i > 0 ? ", " : "").append("{\"name\": \"").append(name).append("\", \"chemical_symbols\": [\"")
                    .append(a.symbol()).append("\"], \"concentration\": [").append(n(a.occupancy())).append("]}");
        }
        return "{\"data\": {\"id\": \"written\", \"type\": \"structures\", \"attributes\": {\"lattice_vectors\": "
                + matrix(rows) + ", \"cartesian_site_positions\": [" + positions + "], \"species_at_sites\": [" + names
                + "], \"species\": [" + species + "]}}}";
    }

    private static String matrix(double[][] rows) {
        StringBuilder b = new StringBuilder("[");
        for (int k = 0; k < 3; k++) {
            b.append(k > 0 ? ", " : "").append('[').append(n(rows[k][0])).append(", ").append(n(rows[k][1]))
                    .append(", ").append(n(rows[k][2])).append(']');
        }
        return b.append(']').toString();
    }

    private static double[] cartesian(double[][] rows, Atom a) {
        return new Lattice(rows).toCartesian(new double[] {a.x(), a.y(), a.z()});
    }

    private static double angle(double[] u, double[] v) {
        double dot = u[0] * v[0] + u[1] * v[1] + u[2] * v[2];
        double nu = Math.sqrt(u[0] * u[0] + u[1] * u[1] + u[2] * u[2]);
        double nv = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, dot / (nu * nv)))));
    }
}
