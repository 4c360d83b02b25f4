package org.crystograph.benchmark.submission;

/**
 * One submitted row as parsed, before validation: values keep their kind so that strings, nulls and non-finite
 * numbers can be reported precisely.
 *
 * @param id sample id
 * @param prediction the prediction
 * @param std the standard deviation, {@link Value#ABSENT} when not given
 */
public record PredictionRow(String id, Value prediction, Value std) {

    /** What a submitted value was. */
    public enum Kind {
        /** a JSON number or a CSV field that parses as a double (possibly NaN or infinite) */
        NUMBER,
        /** a JSON string or an unparseable CSV field */
        TEXT,
        /** JSON null or an empty CSV field */
        NULL,
        /** the key or column is missing */
        MISSING
    }

    /**
     * A submitted value.
     *
     * @param kind what it was
     * @param number the number when {@code kind == NUMBER}
     */
    public record Value(Kind kind, double number) {
        /** The missing value. */
        public static final Value ABSENT = new Value(Kind.MISSING, Double.NaN);

        /** A numeric value. */
        public static Value number(double v) {
            return new Value(Kind.NUMBER, v);
        }

        /** Whether this is a finite number. */
        public boolean finite() {
            return kind == Kind.NUMBER && Double.isFinite(number);
        }
    }
}
