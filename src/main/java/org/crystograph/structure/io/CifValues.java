package org.crystograph.structure.io;

import java.util.Arrays;

/** Growable parallel arrays of value ranges within a CIF file's characters: start, end, line and quoting. */
final class CifValues {

    private static final int INITIAL = 256;

    int[] start = new int[INITIAL];
    int[] end = new int[INITIAL];
    int[] line = new int[INITIAL];
    boolean[] quoted = new boolean[INITIAL];
    int size;

    int add(int s, int e, int ln, boolean q) {
        if (size == start.length) {
            int n = size * 2;
            start = Arrays.copyOf(start, n);
            end = Arrays.copyOf(end, n);
            line = Arrays.copyOf(line, n);
            quoted = Arrays.copyOf(quoted, n);
        }
        start[size] = s;
        end[size] = e;
        line[size] = ln;
        quoted[size] = q;
        return size++;
    }

    String text(char[] buf, int v) {
        return new String(buf, start[v], end[v] - start[v]);
    }

    /** True for an unquoted {@code ?} (unknown) or {@code .} (inapplicable). */
    boolean isMissing(char[] buf, int v) {
        return !quoted[v] && end[v] - start[v] == 1 && (buf[start[v]] == '?' || buf[start[v]] == '.');
    }
}
