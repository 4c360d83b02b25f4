package org.crystograph.structure.io;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One CIF data block as parsed: single-valued items and loops. Values are kept as ranges of the file's character
 * array (no copy); tags are lower case with {@code .} written as {@code _} (so DDL2 names such as
 * {@code _atom_site.fract_x} read like their DDL1 forms).
 */
final class CifBlock {

    /** A loop: its tags and a contiguous range of value indices, row-major. */
    record Loop(String[] tags, int firstValue, int rows, int line) {
        int columns() {
            return tags.length;
        }
    }

    /** Where a tag's values are: a single item (loop == -1, value index) or a loop column. */
    record Ref(int loop, int column, int value) {
    }

    final String name;
    final int line;
    final char[] buf;
    final CifValues values;
    final Map<String, Ref> refs = new HashMap<>();
    final List<Loop> loops = new ArrayList<>();
    final List<Duplicate> duplicates = new ArrayList<>(0);

    /** A tag seen again after its first occurrence (the first value is the one recorded). */
    record Duplicate(String tag, int line) {
    }

    CifBlock(String name, int line, char[] buf, CifValues values) {
        this.name = name;
        this.line = line;
        this.buf = buf;
        this.values = values;
    }

    boolean has(String tag) {
        return refs.containsKey(tag);
    }

    /** The value index of a single-valued tag, or -1; a one-row loop counts as a single value. */
    int single(String tag) {
        Ref r = refs.get(tag);
        if (r == null) {
            return -1;
        }
        if (r.loop < 0) {
            return r.value;
        }
        Loop l = loops.get(r.loop);
        return l.rows == 1 ? l.firstValue + r.column : -1;
    }

    /** Number of values of a tag: 1 for a single item, the rows of its loop, 0 when absent. */
    int count(String tag) {
        Ref r = refs.get(tag);
        if (r == null) {
            return 0;
        }
        return r.loop < 0 ? 1 : loops.get(r.loop).rows;
    }

    /** Value index of row {@code row} of a tag (row 0 for a single item). */
    int value(String tag, int row) {
        Ref r = refs.get(tag);
        if (r.loop < 0) {
            return r.value;
        }
        Loop l = loops.get(r.loop);
        return l.firstValue + row * l.columns() + r.column;
    }

    /** The loop index of a tag, -1 for a single item, -2 when absent. */
    int loopOf(String tag) {
        Ref r = refs.get(tag);
        return r == null ? -2 : r.loop;
    }

    String text(int value) {
        return values.text(buf, value);
    }
}
