package org.crystograph.structure.io;

/**
 * A space-group operation in fractional coordinates, {@code f' = R f + t}, parsed exactly from the CIF notation
 * ({@code "-x+1/2, y, z+3/4"}, {@code "x-y,x,1/6+z"}, {@code "y+0.5,-x,z"}).
 *
 * @param rotation R as 9 values, row-major (copied in and out)
 * @param translation t as 3 fractions (copied in and out)
 */
public record SymmetryOperation(double[] rotation, double[] translation) {

    /** |det R| must be 1 within this tolerance: rotations of a lattice are unimodular. */
    private static final double DETERMINANT_TOLERANCE = 1e-6;

    /** The identity {@code x, y, z}. */
    public static final SymmetryOperation IDENTITY =
            new SymmetryOperation(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, new double[3]);

    /** Validates and copies. */
    public SymmetryOperation {
        if (rotation == null || rotation.length != 9 || translation == null || translation.length != 3) {
            throw new IllegalArgumentException("rotation needs 9 and translation 3 values");
        }
        rotation = rotation.clone();
        translation = translation.clone();
    }

    @Override
    public double[] rotation() {
        return rotation.clone();
    }

    @Override
    public double[] translation() {
        return translation.clone();
    }

    /** Writes {@code R f + t} into {@code out} (may not alias {@code f}). */
    public void apply(double[] f, double[] out) {
        double[] r = rotation;
        out[0] = r[0] * f[0] + r[1] * f[1] + r[2] * f[2] + translation[0];
        out[1] = r[3] * f[0] + r[4] * f[1] + r[5] * f[2] + translation[1];
        out[2] = r[6] * f[0] + r[7] * f[1] + r[8] * f[2] + translation[2];
    }

    /** True for {@code x, y, z}. */
    public boolean isIdentity() {
        return java.util.Arrays.equals(rotation, IDENTITY.rotation) && java.util.Arrays.equals(translation, new double[3]);
    }

    /**
     * Parses an operation written as three comma-separated components. Each component is a signed sum of terms: a
     * variable {@code x|y|z} (optionally with a numeric coefficient, {@code 2x} or {@code 2*x}), an integer, a
     * decimal or a fraction {@code a/b}. Whitespace is ignored; variables are case-insensitive.
     *
     * @throws IllegalArgumentException naming the text and the problem when it is not such an operation, or when R
     *     is not unimodular (|det R| != 1)
     */
    public static SymmetryOperation parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("symmetry operation is missing");
        }
        double[] rot = new double[9];
        double[] trans = new double[3];
        int component = 0;
        int start = 0;
        int n = text.length();
        for (int i = 0; i <= n; i++) {
            if (i == n || text.charAt(i) == ',') {
                if (component >= 3) {
                    throw new IllegalArgumentException("symmetry operation '" + text + "' has more than 3 components");
                }
                parseComponent(text, start, i, rot, component, trans);
                component++;
                start = i + 1;
            }
        }
        if (component != 3) {
            throw new IllegalArgumentException("symmetry operation '" + text + "' needs 3 components, has " + component);
        }
        double det = rot[0] * (rot[4] * rot[8] - rot[5] * rot[7])
                - rot[1] * (rot[3] * rot[8] - rot[5] * rot[6])
                + rot[2] * (rot[3] * rot[7] - rot[4] * rot[6]);
        if (Math.abs(Math.abs(det) - 1) > DETERMINANT_TOLERANCE) {
            throw new IllegalArgumentException("symmetry operation '" + text + "' is not an isometry (det R = " + det + ")");
        }
        return new SymmetryOperation(rot, trans);
    }

    private static void parseComponent(String s, int from, int to, double[] rot, int row, double[] trans) {
        int i = skipSpace(s, from, to);
        if (i >= to) {
            throw new IllegalArgumentException("symmetry operation '" + s + "' has an empty component " + (row + 1));
        }
        boolean first = true;
        boolean any = false;
        while (i < to) {
            double sign = 1;
            char c = s.charAt(i);
            if (c == '+' || c == '-') {
                sign = c == '-' ? -1 : 1;
                i = skipSpace(s, i + 1, to);
            } else if (!first) {
                throw new IllegalArgumentException("symmetry operation '" + s + "': expected + or - at '"
                        + s.substring(i, to).trim() + "'");
            }
            if (i >= to) {
                throw new IllegalArgumentException("symmetry operation '" + s + "' ends with a sign");
            }
            c = s.charAt(i);
            int var = variable(c);
            if (var >= 0) {
                rot[row * 3 + var] += sign;
                i++;
            } else if (Character.isDigit(c) || c == '.') {
                int numEnd = number(s, i, to);
                double value = parseNumber(s, i, numEnd);
                i = skipSpace(s, numEnd, to);
                if (i < to && s.charAt(i) == '/') {
                    i = skipSpace(s, i + 1, to);
                    int denEnd = number(s, i, to);
                    double den = parseNumber(s, i, denEnd);
                    if (den == 0) {
                        throw new IllegalArgumentException("symmetry operation '" + s + "' divides by zero");
                    }
                    value /= den;
                    i = skipSpace(s, denEnd, to);
                }
                if (i < to && s.charAt(i) == '*') {
                    i = skipSpace(s, i + 1, to);
                    if (i >= to || variable(s.charAt(i)) < 0) {
                        throw new IllegalArgumentException("symmetry operation '" + s + "': '*' must be followed by x, y or z");
                    }
                }
                if (i < to && variable(s.charAt(i)) >= 0) {
                    rot[row * 3 + variable(s.charAt(i))] += sign * value;
                    i++;
                } else {
                    trans[row] += sign * value;
                }
            } else {
                throw new IllegalArgumentException("symmetry operation '" + s + "': unexpected character '" + c + "'");
            }
            any = true;
            first = false;
            i = skipSpace(s, i, to);
        }
        if (!any) {
            throw new IllegalArgumentException("symmetry operation '" + s + "' has an empty component " + (row + 1));
        }
    }

    private static int variable(char c) {
        return switch (c) {
            case 'x', 'X' -> 0;
            case 'y', 'Y' -> 1;
            case 'z', 'Z' -> 2;
            default -> -1;
        };
    }

    private static int number(String s, int i, int to) {
        int j = i;
        boolean dot = false;
        while (j < to && (Character.isDigit(s.charAt(j)) || (s.charAt(j) == '.' && !dot))) {
            dot |= s.charAt(j) == '.';
            j++;
        }
        if (j == i) {
            throw new IllegalArgumentException("symmetry operation '" + s + "': expected a number at position " + (i + 1));
        }
        return j;
    }

    private static double parseNumber(String s, int from, int to) {
        String t = s.substring(from, to);
        if (t.equals(".")) {
            throw new IllegalArgumentException("symmetry operation '" + s + "': '.' is not a number");
        }
        return Double.parseDouble(t);
    }

    private static int skipSpace(String s, int i, int to) {
        while (i < to && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** The operation in CIF notation, e.g. {@code -x+1/2,y,z+3/4} (translations as decimals). */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (int row = 0; row < 3; row++) {
            if (row > 0) {
                b.append(',');
            }
            int len = b.length();
            for (int k = 0; k < 3; k++) {
                double v = rotation[row * 3 + k];
                if (v != 0) {
                    b.append(v < 0 ? "-" : (b.length() > len ? "+" : ""));
                    if (Math.abs(v) != 1) {
                        b.append(Math.abs(v));
                    }
                    b.append((char) ('x' + k));
                }
            }
            if (translation[row] != 0) {
                b.append(translation[row] < 0 ? "-" : "+").append(Math.abs(translation[row]));
            }
        }
        return b.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SymmetryOperation op && java.util.Arrays.equals(rotation, op.rotation)
                && java.util.Arrays.equals(translation, op.translation);
    }

    @Override
    public int hashCode() {
        return 31 * java.util.Arrays.hashCode(rotation) + java.util.Arrays.hashCode(translation);
    }
}
