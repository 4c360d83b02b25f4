package org.crystograph.graph.featurize;

import java.util.OptionalDouble;
import java.util.function.IntFunction;
import org.crystograph.structure.Elements;
import org.crystograph.structure.StructureException;

/**
 * The default atom descriptor ({@code CDK_DESCRIPTOR}, spec section 6): a one-hot vector built from CDK's element and
 * isotope tables, in the spirit of CGCNN's.
 *
 * <p>Columns, in order (width {@link #WIDTH} = 19 + 7 + 4 x (10 + 1) = 70):
 * <ol>
 *   <li>group: 19 columns, column = IUPAC group 1..18, column 0 = no group (most lanthanides and actinides);</li>
 *   <li>period: 7 columns, period 1..7;</li>
 *   <li>for each continuous property of {@link #PROPERTIES}: {@link Binning#bins()} equal-width bins over
 *       [{@link Binning#low()}, {@link Binning#high()}) plus one "missing" column set when CDK has no value. The ranges
 *       cover the values of Z = 1..100 in CDK 2.11; a value outside would fall into the nearest end bin.</li>
 * </ol>
 * Every element Z = 1..100 gets a vector with exactly one 1 per block.
 */
public final class CdkDescriptorFeaturizer implements AtomFeaturizer {

    /** Identifier recorded in checkpoints. */
    public static final String ID = "CDK_DESCRIPTOR";

    /** Group columns: 0 (none) and 1..18. */
    public static final int GROUP_COLUMNS = 19;

    /** Period columns: 1..7. */
    public static final int PERIOD_COLUMNS = 7;

    /**
     * Equal-width binning of one property over [low, high), plus a missing column.
     *
     * @param name property name
     * @param low lower edge of the first bin
     * @param high upper edge of the last bin
     * @param bins number of bins
     * @param value the property of element Z, empty when unknown
     */
    public record Binning(String name, double low, double high, int bins, IntFunction<OptionalDouble> value) {

        /** Columns: the bins and the missing column. */
        public int columns() {
            return bins + 1;
        }

        /** Bin width (high - low) / bins. */
        public double binWidth() {
            return (high - low) / bins;
        }

        /** Column (0-based within this block) for element Z: its bin, or {@code bins} when the value is missing. */
        public int column(int z) {
            OptionalDouble v = value.apply(z);
            if (v.isEmpty()) {
                return bins;
            }
            int b = (int) Math.floor((v.getAsDouble() - low) / binWidth());
            return Math.max(0, Math.min(bins - 1, b));
        }
    }

    /**
     * The binned properties. Ranges over Z = 1..100 in CDK 2.11: Pauling electronegativity 0.7-3.98, covalent radius
     * 0.32-2.4 A, van der Waals radius 1.2-3.0 A, atomic mass 1.008-238.03.
     */
    public static final java.util.List<Binning> PROPERTIES = java.util.List.of(
            new Binning("electronegativity (Pauling)", 0.6, 4.0, 10, Elements::electronegativity),
            new Binning("covalent radius (A)", 0.3, 2.5, 10, Elements::covalentRadiusAngstrom),
            new Binning("van der Waals radius (A)", 1.1, 3.1, 10, Elements::vdwRadiusAngstrom),
            new Binning("atomic mass (g/mol)", 0.0, 250.0, 10, Elements::atomicMass));

    /** Descriptor width, derived from the blocks. */
    public static final int WIDTH = GROUP_COLUMNS + PERIOD_COLUMNS
            + PROPERTIES.stream().mapToInt(Binning::columns).sum();

    private final float[][] table = new float[Elements.MAX_Z + 1][];

    /** Builds the descriptors of Z = 1..100 from CDK. */
    public CdkDescriptorFeaturizer() {
        for (int z = 1; z <= Elements.MAX_Z; z++) {
            float[] v = new float[WIDTH];
            v[Elements.group(z)] = 1f;
            v[GROUP_COLUMNS + Elements.period(z) - 1] = 1f;
            int offset = GROUP_COLUMNS + PERIOD_COLUMNS;
            for (Binning b : PROPERTIES) {
                v[offset + b.column(z)] = 1f;
                offset += b.columns();
            }
            table[z] = v;
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int width() {
        return WIDTH;
    }

    @Override
    public float[] features(int atomicNumber) {
        if (atomicNumber < 1 || atomicNumber > Elements.MAX_Z) {
            throw StructureException.invalid("no atom descriptor for atomic number " + atomicNumber + " (Z must be 1.."
                    + Elements.MAX_Z + ")");
        }
        return table[atomicNumber].clone();
    }
}
