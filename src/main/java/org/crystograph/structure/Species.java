package org.crystograph.structure;

/**
 * One chemical species on a site with its occupancy (fraction of the site it fills, 0 &lt; occupancy &lt;= 1).
 *
 * @param atomicNumber Z, 1..100
 * @param occupancy fraction of the site, in (0, 1]
 */
public record Species(int atomicNumber, double occupancy) {

    /** Validates Z and occupancy. */
    public Species {
        if (atomicNumber < 1 || atomicNumber > Elements.MAX_Z) {
            throw StructureException.invalid("atomic number " + atomicNumber + " outside 1.." + Elements.MAX_Z);
        }
        if (!Double.isFinite(occupancy) || occupancy <= 0 || occupancy > 1 + Site.OCCUPANCY_TOLERANCE) {
            throw StructureException.invalid("occupancy " + occupancy + " of " + Elements.symbol(atomicNumber)
                    + " outside (0, 1]");
        }
    }

    /** A fully occupied site of the element with this symbol. */
    public static Species of(String symbol) {
        return new Species(Elements.atomicNumber(symbol), 1.0);
    }

    /** A species of the element with this symbol and occupancy. */
    public static Species of(String symbol, double occupancy) {
        return new Species(Elements.atomicNumber(symbol), occupancy);
    }

    /** Element symbol. */
    public String symbol() {
        return Elements.symbol(atomicNumber);
    }
}
