package org.crystograph.structure;

/**
 * A periodic cell: a 3x3 matrix whose rows are the cell vectors a, b, c in Cartesian Angstrom.
 *
 * <p>Cartesian positions are row vectors: {@code x = f . M}. Angles are in degrees in this class's API.
 *
 * @param matrix rows a, b, c in Angstrom (copied in and out)
 */
public record Lattice(double[][] matrix) {

    /** Smallest accepted |volume| in cubic Angstrom (as the UnconvBench reader rule). */
    public static final double MIN_VOLUME = 1e-6;

    /** Validates and copies. */
    public Lattice {
        if (matrix == null || matrix.length != 3) {
            throw StructureException.invalid("lattice needs 3 vectors");
        }
        double[][] copy = new double[3][];
        for (int i = 0; i < 3; i++) {
            if (matrix[i] == null || matrix[i].length != 3) {
                throw StructureException.invalid("lattice vector " + i + " needs 3 components");
            }
            for (double v : matrix[i]) {
                if (!Double.isFinite(v)) {
                    throw StructureException.invalid("lattice vector " + i + " has non-finite component " + v);
                }
            }
            copy[i] = matrix[i].clone();
        }
        matrix = copy;
        double vol = determinant(matrix);
        if (!(Math.abs(vol) >= MIN_VOLUME)) {
            throw StructureException.invalid("cell volume " + vol + " A^3 is below " + MIN_VOLUME + " A^3");
        }
    }

    /**
     * Builds a cell from lengths (Angstrom) and angles (degrees) in pymatgen's {@code Lattice.from_parameters}
     * convention: {@code a=(a sin(beta), 0, a cos(beta))}, {@code b=(-b sin(alpha) cos(gamma*), b sin(alpha) sin(gamma*),
     * b cos(alpha))}, {@code c=(0, 0, c)}.
     *
     * @throws StructureException when a length is not positive, an angle not in (0, 180) or the cell is degenerate
     */
    public static Lattice fromParameters(double a, double b, double c, double alpha, double beta, double gamma) {
        double[] lengths = {a, b, c};
        double[] angles = {alpha, beta, gamma};
        String[] names = {"a", "b", "c", "alpha", "beta", "gamma"};
        for (int i = 0; i < 3; i++) {
            if (!Double.isFinite(lengths[i]) || lengths[i] <= 0) {
                throw StructureException.invalid("cell length " + names[i] + " = " + lengths[i] + " must be positive");
            }
            if (!Double.isFinite(angles[i]) || angles[i] <= 0 || angles[i] >= 180) {
                throw StructureException.invalid("cell angle " + names[i + 3] + " = " + angles[i]
                        + " must lie in (0, 180) degrees");
            }
        }
        double ar = Math.toRadians(alpha);
        double br = Math.toRadians(beta);
        double gr = Math.toRadians(gamma);
        double cosAlpha = Math.cos(ar);
        double cosBeta = Math.cos(br);
        double sinAlpha = Math.sin(ar);
        double sinBeta = Math.sin(br);
        double cosGammaStar = (cosAlpha * cosBeta - Math.cos(gr)) / (sinAlpha * sinBeta);
        cosGammaStar = Math.max(-1, Math.min(1, cosGammaStar));
        double gammaStar = Math.acos(cosGammaStar);
        double[][] m = {
            {a * sinBeta, 0.0, a * cosBeta},
            {-b * sinAlpha * Math.cos(gammaStar), b * sinAlpha * Math.sin(gammaStar), b * cosAlpha},
            {0.0, 0.0, c},
        };
        return new Lattice(m);
    }

    /** A cubic cell with edge {@code a} Angstrom. */
    public static Lattice cubic(double a) {
        return new Lattice(new double[][] {{a, 0, 0}, {0, a, 0}, {0, 0, a}});
    }

    /** The matrix (a deep copy). */
    @Override
    public double[][] matrix() {
        return new double[][] {matrix[0].clone(), matrix[1].clone(), matrix[2].clone()};
    }

    /** Element (row i, column j) of the matrix without copying. */
    public double get(int i, int j) {
        return matrix[i][j];
    }

    /** Length of cell vector i (0 = a, 1 = b, 2 = c) in Angstrom. */
    public double length(int i) {
        return norm(matrix[i]);
    }

    /** |a| in Angstrom. */
    public double a() {
        return length(0);
    }

    /** |b| in Angstrom. */
    public double b() {
        return length(1);
    }

    /** |c| in Angstrom. */
    public double c() {
        return length(2);
    }

    /** Angle between b and c in degrees. */
    public double alpha() {
        return angle(matrix[1], matrix[2]);
    }

    /** Angle between a and c in degrees. */
    public double beta() {
        return angle(matrix[0], matrix[2]);
    }

    /** Angle between a and b in degrees. */
    public double gamma() {
        return angle(matrix[0], matrix[1]);
    }

    /** Cell volume |det M| in cubic Angstrom. */
    public double volume() {
        return Math.abs(determinant(matrix));
    }

    /** Cartesian position (Angstrom) of fractional coordinates f: {@code f . M}. */
    public double[] toCartesian(double[] f) {
        double[] x = new double[3];
        for (int j = 0; j < 3; j++) {
            x[j] = f[0] * matrix[0][j] + f[1] * matrix[1][j] + f[2] * matrix[2][j];
        }
        return x;
    }

    /** Fractional coordinates of a Cartesian position (Angstrom): {@code x . M^-1}. */
    public double[] toFractional(double[] x) {
        double[][] inv = inverse();
        double[] f = new double[3];
        for (int j = 0; j < 3; j++) {
            f[j] = x[0] * inv[0][j] + x[1] * inv[1][j] + x[2] * inv[2][j];
        }
        return f;
    }

    /** The inverse matrix M^-1. */
    public double[][] inverse() {
        double[][] m = matrix;
        double det = determinant(m);
        double[][] inv = new double[3][3];
        inv[0][0] = (m[1][1] * m[2][2] - m[1][2] * m[2][1]) / det;
        inv[0][1] = (m[0][2] * m[2][1] - m[0][1] * m[2][2]) / det;
        inv[0][2] = (m[0][1] * m[1][2] - m[0][2] * m[1][1]) / det;
        inv[1][0] = (m[1][2] * m[2][0] - m[1][0] * m[2][2]) / det;
        inv[1][1] = (m[0][0] * m[2][2] - m[0][2] * m[2][0]) / det;
        inv[1][2] = (m[0][2] * m[1][0] - m[0][0] * m[1][2]) / det;
        inv[2][0] = (m[1][0] * m[2][1] - m[1][1] * m[2][0]) / det;
        inv[2][1] = (m[0][1] * m[2][0] - m[0][0] * m[2][1]) / det;
        inv[2][2] = (m[0][0] * m[1][1] - m[0][1] * m[1][0]) / det;
        return inv;
    }

    /**
     * Reciprocal vectors without the 2 pi factor: row k is b*_k, row k of (M^-1)^T. |b*_k| is the inverse of the
     * cell's perpendicular height along k.
     */
    public double[][] reciprocalRows() {
        double[][] inv = inverse();
        double[][] r = new double[3][3];
        for (int k = 0; k < 3; k++) {
            for (int j = 0; j < 3; j++) {
                r[k][j] = inv[j][k];
            }
        }
        return r;
    }

    /** Perpendicular height of the cell along axis k in Angstrom: the spacing of the lattice planes spanned by the other two vectors. */
    public double perpendicularHeight(int k) {
        return 1.0 / norm(reciprocalRows()[k]);
    }

    /**
     * The same cell rebuilt from its lengths and angles in the canonical (pymatgen {@code from_parameters}) frame, so that
     * rigid rotations of the input do not change Cartesian vectors (CrysToGraph spec section 1, {@code frame=CANONICAL}).
     */
    public Lattice canonical() {
        return fromParameters(a(), b(), c(), alpha(), beta(), gamma());
    }

    private static double determinant(double[][] m) {
        return m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
                - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
                + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
    }

    private static double norm(double[] v) {
        return Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
    }

    private static double angle(double[] u, double[] v) {
        double cos = (u[0] * v[0] + u[1] * v[1] + u[2] * v[2]) / (norm(u) * norm(v));
        return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, cos))));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Lattice other && java.util.Arrays.deepEquals(matrix, other.matrix);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.deepHashCode(matrix);
    }

    @Override
    public String toString() {
        return "Lattice" + java.util.Arrays.deepToString(matrix);
    }
}
