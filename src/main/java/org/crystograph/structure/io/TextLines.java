package org.crystograph.structure.io;

import java.util.ArrayList;
import java.util.List;

/** Line and whitespace-token access over a character array for the line-oriented formats (POSCAR, XYZ). */
final class TextLines {

    final char[] b;
    private final int n;
    private int pos;
    private int lineNo;
    private int lineStart;
    private int lineEnd;

    TextLines(char[] b, int n) {
        this.b = b;
        this.n = n;
    }

    /** Advances to the next line; false at the end of the text. */
    boolean next() {
        if (pos >= n) {
            return false;
        }
        lineStart = pos;
        while (pos < n && b[pos] != '\n' && b[pos] != '\r') {
            pos++;
        }
        lineEnd = pos;
        if (pos < n && b[pos] == '\r') {
            pos++;
            if (pos < n && b[pos] == '\n') {
                pos++;
            }
        } else if (pos < n) {
            pos++;
        }
        lineNo++;
        return true;
    }

    /** 1-based number of the current line. */
    int lineNumber() {
        return lineNo;
    }

    /** The current line as a string (without the line break). */
    String line() {
        return new String(b, lineStart, lineEnd - lineStart);
    }

    /** The whitespace-separated tokens of the current line as [start, end) pairs into {@link #b}; returns the count. */
    int tokens(int[] out) {
        int count = 0;
        int i = lineStart;
        while (i < lineEnd) {
            while (i < lineEnd && isSpace(b[i])) {
                i++;
            }
            if (i >= lineEnd) {
                break;
            }
            int s = i;
            while (i < lineEnd && !isSpace(b[i])) {
                i++;
            }
            if (2 * count + 1 < out.length) {
                out[2 * count] = s;
                out[2 * count + 1] = i;
            }
            count++;
        }
        return count;
    }

    /** The tokens of the current line as strings. */
    List<String> tokenStrings() {
        List<String> t = new ArrayList<>();
        int i = lineStart;
        while (i < lineEnd) {
            while (i < lineEnd && isSpace(b[i])) {
                i++;
            }
            int s = i;
            while (i < lineEnd && !isSpace(b[i])) {
                i++;
            }
            if (i > s) {
                t.add(new String(b, s, i - s));
            }
        }
        return t;
    }

    /** True when the current line has only whitespace. */
    boolean blank() {
        for (int i = lineStart; i < lineEnd; i++) {
            if (!isSpace(b[i])) {
                return false;
            }
        }
        return true;
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\f' || c == 0xFEFF;
    }
}
