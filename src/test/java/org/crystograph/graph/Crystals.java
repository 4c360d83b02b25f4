package org.crystograph.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.crystograph.structure.Lattice;
import org.crystograph.structure.Site;
import org.crystograph.structure.Structure;

/** Structures built in code for graph tests (textbook lattice constants). */
public final class Crystals {

    private Crystals() {
    }

    /** Simple cubic, one site. */
    public static Structure simpleCubic(String element, double a) {
        return new Structure(Lattice.cubic(a), List.of(Site.of(element, 0, 0, 0)));
    }

    /** CsCl (B2): Cs at the origin, Cl at the body centre. */
    public static Structure cesiumChloride(double a) {
        return new Structure(Lattice.cubic(a), List.of(Site.of("Cs", 0, 0, 0), Site.of("Cl", 0.5, 0.5, 0.5)));
    }

    /** Rock salt (B1), conventional cell with 8 sites. */
    public static Structure rockSalt(double a) {
        List<Site> sites = new ArrayList<>();
        double[][] fcc = {{0, 0, 0}, {0, 0.5, 0.5}, {0.5, 0, 0.5}, {0.5, 0.5, 0}};
        for (double[] p : fcc) {
            sites.add(Site.of("Na", p[0], p[1], p[2]));
        }
        for (double[] p : fcc) {
            sites.add(Site.of("Cl", p[0] + 0.5, p[1], p[2]));
        }
        return new Structure(Lattice.cubic(a), sites);
    }

    /** bcc, conventional cell with 2 sites. */
    public static Structure bcc(String element, double a) {
        return new Structure(Lattice.cubic(a), List.of(Site.of(element, 0, 0, 0), Site.of(element, 0.5, 0.5, 0.5)));
    }

    /** A graphene sheet (a = 2.46 A) in a cell with {@code vacuum} Angstrom between sheets. */
    public static Structure grapheneSheet(double vacuum) {
        Lattice l = Lattice.fromParameters(2.46, 2.46, vacuum, 90, 90, 120);
        return new Structure(l, List.of(Site.of("C", 1.0 / 3, 2.0 / 3, 0.5), Site.of("C", 2.0 / 3, 1.0 / 3, 0.5)));
    }

    /**
     * Random low-symmetry sites in a given lattice, at least {@code minSeparation} A apart (periodically), with some
     * fractional coordinates outside [0, 1) to exercise unwrapped input.
     */
    public static Structure random(Lattice lattice, int n, double minSeparation, long seed) {
        Random rnd = new Random(seed);
        String[] elements = {"O", "Si", "Fe", "Li", "N"};
        List<Site> sites = new ArrayList<>();
        List<double[]> cart = new ArrayList<>();
        int attempts = 0;
        while (sites.size() < n) {
            if (++attempts > 100_000) {
                throw new IllegalStateException("could not place " + n + " sites");
            }
            double[] f = {rnd.nextDouble(), rnd.nextDouble(), rnd.nextDouble()};
            boolean ok = true;
            for (double[] g : cart) {
                if (periodicDistance(lattice, f, g) < minSeparation) {
                    ok = false;
                    break;
                }
            }
            if (!ok) {
                continue;
            }
            cart.add(f.clone());
            double[] stored = f.clone();
            stored[rnd.nextInt(3)] += rnd.nextInt(5) - 2; // as stored: not wrapped
            sites.add(Site.of(elements[sites.size() % elements.length], stored[0], stored[1], stored[2]));
        }
        return new Structure(lattice, sites);
    }

    private static double periodicDistance(Lattice l, double[] f, double[] g) {
        double best = Double.POSITIVE_INFINITY;
        for (int a = -2; a <= 2; a++) {
            for (int b = -2; b <= 2; b++) {
                for (int c = -2; c <= 2; c++) {
                    double[] x = l.toCartesian(new double[] {g[0] + a - f[0], g[1] + b - f[1], g[2] + c - f[2]});
                    best = Math.min(best, Math.sqrt(x[0] * x[0] + x[1] * x[1] + x[2] * x[2]));
                }
            }
        }
        return best;
    }

    /** Flat fractional coordinates of a structure. */
    public static double[] fractional(Structure s) {
        double[] f = new double[3 * s.size()];
        for (int i = 0; i < s.size(); i++) {
            for (int c = 0; c < 3; c++) {
                f[3 * i + c] = s.site(i).frac(c);
            }
        }
        return f;
    }

    /** Settings equal to the defaults but with another neighbour count and the frame as given. */
    public static GraphSettings withNeighbors(int k) {
        GraphSettings d = GraphSettings.defaults();
        return new GraphSettings(k, d.startRadiusAngstrom(), d.radiusStepAngstrom(), d.maxRadiusAngstrom(),
                d.distanceBasis(), d.polarBasis(), d.azimuthBasis(), d.longEdgeFlagAngstrom(), d.angleBasis(),
                d.laplacianEncodingSize(), d.randomWalkEncodingSize(), false);
    }
}
