package org.crystograph.structure;

/**
 * The one typed failure for structure input: a file or value that cannot be read faithfully.
 *
 * <p>Carries the input format (for example {@code "cif"}), the 1-based line number where known (0 otherwise), the
 * field or tag concerned where known, and a human message that names the bad value. Readers never return a guess
 * instead of throwing this.
 */
public class StructureException extends RuntimeException {

    private final String format;
    private final int line;
    private final String field;

    /**
     * Creates an exception for an input problem.
     *
     * @param format input format name, or {@code "structure"} for validation of an assembled structure
     * @param line 1-based line number, 0 when not applicable
     * @param field the field, tag or key concerned, or {@code null}
     * @param message what is wrong, naming the bad value
     */
    public StructureException(String format, int line, String field, String message) {
        super(message);
        this.format = format;
        this.line = line;
        this.field = field;
    }

    /** Creates a validation failure that has no line or field. */
    public static StructureException invalid(String message) {
        return new StructureException("structure", 0, null, message);
    }

    /** Input format name, e.g. {@code cif}, {@code poscar}, {@code structure} for validation. */
    public String format() {
        return format;
    }

    /** 1-based line number, 0 when not applicable. */
    public int line() {
        return line;
    }

    /** Field, tag or key concerned, or {@code null}. */
    public String field() {
        return field;
    }

    /** The message prefixed by format, line and field, as shown to users. */
    public String describe() {
        StringBuilder s = new StringBuilder(format);
        if (line > 0) {
            s.append(" line ").append(line);
        }
        if (field != null) {
            s.append(" [").append(field).append(']');
        }
        return s.append(": ").append(getMessage()).toString();
    }
}
