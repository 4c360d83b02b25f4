package org.crystograph.graph;

import java.util.Arrays;
import org.crystograph.structure.Site;
import org.crystograph.structure.Species;
import org.crystograph.structure.Structure;

/**
 * Dimensionality of a crystal's bonded network under periodic images: 0 (molecules or clusters), 1 (chains), 2
 * (layers, monolayers with vacuum) or 3 (bulk), the largest over its bonded components.
 *
 * <p>The method of Larsen et al., Phys. Rev. Materials 3, 034003 (2019), as pymatgen's
 * {@code get_dimensionality_larsen} applies it to a bonded structure: the atoms of a component are linked through
 * their bonds, each tagged with the cell image it was reached in, and every bond that closes a loop between two images
 * of one atom adds their difference as a translation; the rank of those translations is the component's
 * dimensionality. Two atoms are bonded when their distance is at most {@link #BOND_SCALE} times the sum of their
 * covalent radii (Cordero et al., Dalton Trans. 2008, 2832, the table ASE uses; a disordered site takes its largest
 * species).
 */
public final class Dimensionality {

    /**
     * Bond when {@code d <= BOND_SCALE * (r_i + r_j)}. 1.5 is where the paper's weight of bond scales reaches 0.92: ionic
     * and metallic bonds, well above their covalent sums, still count (1.25 split 3% of the perovskites into layers and
     * left 1% of the MC2D monolayers as molecules), while the vacuum of a monolayer and the gap of graphite (2.2) stay
     * open. Measured on the datasets: docs/results.md, "Dimensionality".
     */
    public static final double BOND_SCALE = 1.5;

    /**
     * Covalent radii in Angstrom by atomic number (index 0 unused), Cordero et al. 2008 for Z = 1-96 (low-spin values
     * for Mn, Fe and Co, sp3 carbon); Z = 97-100, which the paper does not cover, take curium's.
     */
    private static final double[] COVALENT_RADIUS_ANGSTROM = {0,
        0.31, 0.28, 1.28, 0.96, 0.84, 0.76, 0.71, 0.66, 0.57, 0.58, // H-Ne
        1.66, 1.41, 1.21, 1.11, 1.07, 1.05, 1.02, 1.06, 2.03, 1.76, // Na-Ca
        1.70, 1.60, 1.53, 1.39, 1.39, 1.32, 1.26, 1.24, 1.32, 1.22, // Sc-Zn
        1.22, 1.20, 1.19, 1.20, 1.20, 1.16, 2.20, 1.95, 1.90, 1.75, // Ga-Zr
        1.64, 1.54, 1.47, 1.46, 1.42, 1.39, 1.45, 1.44, 1.42, 1.39, // Nb-Sn
        1.39, 1.38, 1.39, 1.40, 2.44, 2.15, 2.07, 2.04, 2.03, 2.01, // Sb-Nd
        1.99, 1.98, 1.98, 1.96, 1.94, 1.92, 1.92, 1.89, 1.90, 1.87, // Pm-Yb
        1.87, 1.75, 1.70, 1.62, 1.51, 1.44, 1.41, 1.36, 1.36, 1.32, // Lu-Hg
        1.45, 1.46, 1.48, 1.40, 1.50, 1.50, 2.60, 2.21, 2.15, 2.06, // Tl-Th
        2.00, 1.96, 1.90, 1.87, 1.80, 1.69, 1.69, 1.69, 1.69, 1.69, // Pa-Fm
    };

    private Dimensionality() {
    }

    /** Covalent radius of element {@code z} (1-100) in Angstrom, as used for bonds here. */
    public static double covalentRadiusAngstrom(int z) {
        if (z < 1 || z >= COVALENT_RADIUS_ANGSTROM.length) {
            throw new IllegalArgumentException("atomic number " + z + " outside 1.." + (COVALENT_RADIUS_ANGSTROM.length
                    - 1));
        }
        return COVALENT_RADIUS_ANGSTROM[z];
    }

    /** The dimensionality (0-3) of {@code structure}: the largest over its bonded components. */
    public static int of(Structure structure) {
        int n = structure.size();
        double[] radius = new double[n];
        double largest = 0;
        double[] frac = new double[3 * n];
        for (int i = 0; i < n; i++) {
            Site site = structure.site(i);
            for (Species s : site.species()) {
                radius[i] = Math.max(radius[i], covalentRadiusAngstrom(s.atomicNumber()));
            }
            largest = Math.max(largest, radius[i]);
            System.arraycopy(site.frac(), 0, frac, 3 * i, 3);
        }
        PeriodicNeighborSearch search = new PeriodicNeighborSearch(structure.lattice(), frac,
                BOND_SCALE * 2 * largest);
        Components components = new Components(n);
        for (int i = 0; i < n && components.largestRank() < 3; i++) {
            int centre = i;
            double ri = radius[i];
            search.forEachWithin(i, BOND_SCALE * (ri + largest), (j, n1, n2, n3, d) -> {
                if (d <= BOND_SCALE * (ri + radius[j])) {
                    components.bond(centre, j, n1, n2, n3);
                }
            });
        }
        return components.largestRank();
    }

    /**
     * Bonded components as a union-find whose links carry the image offset of a site relative to its parent, each root
     * holding the translations that map its component onto itself.
     */
    private static final class Components {
        private final int[] parent;
        private final int[] offset; // image of site i relative to parent[i], 3 per site
        private final Translations[] translations;
        private int largestRank;

        Components(int n) {
            parent = new int[n];
            offset = new int[3 * n];
            translations = new Translations[n];
            for (int i = 0; i < n; i++) {
                parent[i] = i;
                translations[i] = new Translations();
            }
        }

        /** The largest rank of any component so far. */
        int largestRank() {
            return largestRank;
        }

        /** Adds the bond from site i to site j in image (n1, n2, n3). */
        void bond(int i, int j, int n1, int n2, int n3) {
            int[] oi = new int[3];
            int[] oj = new int[3];
            int ri = root(i, oi);
            int rj = root(j, oj);
            // image of j's root relative to i's root, through this bond
            long t1 = (long) oi[0] + n1 - oj[0];
            long t2 = (long) oi[1] + n2 - oj[1];
            long t3 = (long) oi[2] + n3 - oj[2];
            if (ri == rj) {
                translations[ri].add(t1, t2, t3);
            } else {
                parent[rj] = ri;
                offset[3 * rj] = Math.toIntExact(t1);
                offset[3 * rj + 1] = Math.toIntExact(t2);
                offset[3 * rj + 2] = Math.toIntExact(t3);
                translations[ri].addAll(translations[rj]);
                translations[rj] = null;
            }
            largestRank = Math.max(largestRank, translations[ri].rank());
        }

        /** The root of site i; {@code out} receives the image of i relative to it. Compresses the path. */
        private int root(int i, int[] out) {
            int r = i;
            int o1 = 0;
            int o2 = 0;
            int o3 = 0;
            while (parent[r] != r) {
                o1 += offset[3 * r];
                o2 += offset[3 * r + 1];
                o3 += offset[3 * r + 2];
                r = parent[r];
            }
            // second pass: point every site on the path at the root with its total offset
            int c = i;
            int c1 = o1;
            int c2 = o2;
            int c3 = o3;
            while (parent[c] != c) {
                int next = parent[c];
                int d1 = offset[3 * c];
                int d2 = offset[3 * c + 1];
                int d3 = offset[3 * c + 2];
                parent[c] = r;
                offset[3 * c] = c1;
                offset[3 * c + 1] = c2;
                offset[3 * c + 2] = c3;
                c1 -= d1;
                c2 -= d2;
                c3 -= d3;
                c = next;
            }
            out[0] = o1;
            out[1] = o2;
            out[2] = o3;
            return r;
        }
    }

    /** The rank of a set of integer translations, kept as at most three independent ones. */
    private static final class Translations {
        private final long[][] basis = new long[3][];
        private int rank;

        int rank() {
            return rank;
        }

        void addAll(Translations other) {
            for (int k = 0; k < other.rank; k++) {
                add(other.basis[k][0], other.basis[k][1], other.basis[k][2]);
            }
        }

        void add(long a, long b, long c) {
            if ((a | b | c) == 0 || rank == 3) {
                return;
            }
            long[] v = {a, b, c};
            boolean independent = switch (rank) {
                case 0 -> true;
                case 1 -> !isZero(cross(basis[0], v));
                default -> dot(cross(basis[0], basis[1]), v) != 0;
            };
            if (independent) {
                basis[rank++] = v;
            }
        }

        private static long[] cross(long[] u, long[] v) {
            return new long[] {u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]};
        }

        private static long dot(long[] u, long[] v) {
            return u[0] * v[0] + u[1] * v[1] + u[2] * v[2];
        }

        private static boolean isZero(long[] v) {
            return Arrays.stream(v).allMatch(x -> x == 0);
        }
    }
}
