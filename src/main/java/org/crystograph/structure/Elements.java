package org.crystograph.structure;

import java.util.Locale;
import java.util.OptionalDouble;

/**
 * Element data for Z = 1..100, backed by CDK's element table ({@link org.openscience.cdk.config.Elements}).
 *
 * <p>The only class outside {@code structure/} callers need for element facts; no other package touches CDK.
 */
public final class Elements {

    /** Highest atomic number the project accepts (the CrysToGraph spec covers Z = 1..100). */
    public static final int MAX_Z = 100;

    private Elements() {
    }

    /**
     * Atomic number for an element symbol, case-insensitive for the first letter as written in files ("Fe", "FE").
     *
     * @throws StructureException naming the symbol when it is not an element with 1 &lt;= Z &lt;= 100
     */
    public static int atomicNumber(String symbol) {
        if (symbol == null || symbol.isEmpty() || symbol.length() > 3) {
            throw StructureException.invalid("unknown element '" + symbol + "'");
        }
        String norm = symbol.substring(0, 1).toUpperCase(Locale.ROOT) + symbol.substring(1).toLowerCase(Locale.ROOT);
        org.openscience.cdk.config.Elements e = org.openscience.cdk.config.Elements.ofString(norm);
        int z = e == null ? 0 : e.number();
        if (z < 1 || z > MAX_Z || !e.symbol().equals(norm)) {
            throw StructureException.invalid("unknown element '" + symbol + "' (Z must be 1.." + MAX_Z + ")");
        }
        return z;
    }

    /** True when {@code symbol} names an element with 1 &lt;= Z &lt;= 100. */
    public static boolean isElement(String symbol) {
        try {
            atomicNumber(symbol);
            return true;
        } catch (StructureException e) {
            return false;
        }
    }

    /** The symbol of element Z, e.g. 26 -> "Fe". */
    public static String symbol(int z) {
        return of(z).symbol();
    }

    /** Period (row) 1..7. */
    public static int period(int z) {
        return of(z).period();
    }

    /** IUPAC group 1..18, or 0 where CDK assigns none (most lanthanides and actinides). */
    public static int group(int z) {
        return Math.max(0, of(z).group());
    }

    /** Pauling electronegativity, empty where CDK has no value. */
    public static OptionalDouble electronegativity(int z) {
        return optional(of(z).electronegativity());
    }

    /** Covalent radius in Angstrom, empty where CDK has no value. */
    public static OptionalDouble covalentRadiusAngstrom(int z) {
        return optional(of(z).covalentRadius());
    }

    /** Van der Waals radius in Angstrom, empty where CDK has no value. */
    public static OptionalDouble vdwRadiusAngstrom(int z) {
        return optional(of(z).vdwRadius());
    }

    /**
     * Standard atomic weight (natural-abundance mass) in g/mol (numerically Dalton) from CDK's isotope table; empty for
     * elements without a natural abundance there (Tc, Pm, Z 84-89, Z &gt;= 93).
     */
    public static OptionalDouble atomicMass(int z) {
        of(z);
        return optional(IsotopeTable.natural(z));
    }

    /** CDK's isotope table, loaded once. */
    private static final class IsotopeTable {
        private static final org.openscience.cdk.config.IsotopeFactory FACTORY = load();

        private static org.openscience.cdk.config.IsotopeFactory load() {
            try {
                return org.openscience.cdk.config.Isotopes.getInstance();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("CDK isotope table could not be read", e);
            }
        }

        static Double natural(int z) {
            return FACTORY.getNaturalMass(z);
        }
    }

    private static OptionalDouble optional(Double v) {
        return v == null || v.isNaN() || v <= 0 ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    private static org.openscience.cdk.config.Elements of(int z) {
        if (z < 1 || z > MAX_Z) {
            throw StructureException.invalid("atomic number " + z + " outside 1.." + MAX_Z);
        }
        return org.openscience.cdk.config.Elements.ofNumber(z);
    }
}
