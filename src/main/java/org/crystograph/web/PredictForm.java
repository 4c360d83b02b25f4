package org.crystograph.web;

import java.util.Arrays;
import java.util.List;
import org.crystograph.structure.io.Format;

/**
 * The predict page's form values, echoed back after a submission.
 *
 * @param text pasted structure text ("" when none)
 * @param format selected format id, or "" for detection from the content
 */
public record PredictForm(String text, String format) {

    /** Normalises nulls to empty strings. */
    public PredictForm {
        text = text == null ? "" : text;
        format = format == null ? "" : format;
    }

    /** An empty form. */
    public static PredictForm empty() {
        return new PredictForm("", "");
    }

    /** The format ids offered in the select box. */
    public List<String> formats() {
        return Arrays.stream(Format.values()).map(Format::id).toList();
    }
}
