package org.crystograph.structure.io;

import java.util.ArrayList;
import java.util.List;
import org.crystograph.structure.StructureException;

/**
 * A hand-written CIF 1.1 tokenizer and parser over a character array: data blocks, {@code loop_}, tags, unquoted,
 * {@code '}/{@code "}-quoted and {@code ;}-delimited text values, comments. Save frames are skipped. Syntax errors
 * are {@link StructureException}s with the line.
 */
final class CifParser {

    private static final String FORMAT = "cif";

    private final char[] b;
    private final int n;
    private int pos;
    private int line = 1;

    // current token
    private static final int EOF = 0;
    private static final int TAG = 1;
    private static final int VALUE = 2;
    private static final int LOOP = 3;
    private static final int DATA = 4;
    private static final int SAVE = 5;
    private static final int GLOBAL = 6;
    private static final int STOP = 7;
    private int type;
    private int tokStart;
    private int tokEnd;
    private int tokLine;
    private boolean tokQuoted;
    private boolean pushedBack;

    private CifParser(char[] b, int n) {
        this.b = b;
        this.n = n;
    }

    /** Parses all data blocks of the text. */
    static List<CifBlock> parse(char[] chars, int length) {
        return new CifParser(chars, length).blocks();
    }

    private List<CifBlock> blocks() {
        List<CifBlock> blocks = new ArrayList<>();
        CifValues values = new CifValues();
        CifBlock block = null;
        while (true) {
            next();
            switch (type) {
                case EOF -> {
                    return blocks;
                }
                case DATA -> {
                    block = new CifBlock(new String(b, tokStart + 5, tokEnd - tokStart - 5), tokLine, b, values);
                    blocks.add(block);
                }
                case GLOBAL -> block = null;
                case SAVE -> skipSaveFrame();
                case STOP -> {
                    // CIF 1.0 loop terminator outside a loop: nothing to do
                }
                case TAG -> {
                    String tag = tagName();
                    int tagLine = tokLine;
                    next();
                    if (type != VALUE) {
                        throw error(tagLine, tag, "tag " + tag + " has no value");
                    }
                    int v = values.add(tokStart, tokEnd, tokLine, tokQuoted);
                    if (block == null) {
                        throw error(tagLine, tag, "tag " + tag + " appears before any data_ block");
                    }
                    addRef(block, tag, new CifBlock.Ref(-1, 0, v), tagLine);
                }
                case LOOP -> readLoop(block, values);
                case VALUE -> throw error(tokLine, null, "value '" + token() + "' without a tag");
                default -> throw new IllegalStateException("token " + type);
            }
        }
    }

    private void readLoop(CifBlock block, CifValues values) {
        int loopLine = tokLine;
        if (block == null) {
            throw error(loopLine, null, "loop_ appears before any data_ block");
        }
        List<String> tags = new ArrayList<>();
        while (true) {
            next();
            if (type != TAG) {
                break;
            }
            tags.add(tagName());
        }
        if (tags.isEmpty()) {
            throw error(loopLine, null, "loop_ without tags");
        }
        int first = values.size;
        int count = 0;
        while (type == VALUE) {
            values.add(tokStart, tokEnd, tokLine, tokQuoted);
            count++;
            next();
        }
        if (type != STOP) {
            pushedBack = true;
        }
        int cols = tags.size();
        if (count == 0) {
            throw error(loopLine, tags.get(0), "loop of " + tags.get(0) + " has tags but no values");
        }
        if (count % cols != 0) {
            throw error(loopLine, tags.get(0), "truncated loop of " + tags.get(0) + ": " + count + " values for "
                    + cols + " columns (" + (count % cols) + " left over)");
        }
        int loopIndex = block.loops.size();
        block.loops.add(new CifBlock.Loop(tags.toArray(new String[0]), first, count / cols, loopLine));
        for (int c = 0; c < cols; c++) {
            addRef(block, tags.get(c), new CifBlock.Ref(loopIndex, c, -1), loopLine);
        }
    }

    /** Records a tag; a repeated tag keeps its first value and is listed in {@link CifBlock#duplicates}. */
    private void addRef(CifBlock block, String tag, CifBlock.Ref ref, int tagLine) {
        if (block.refs.putIfAbsent(tag, ref) != null) {
            block.duplicates.add(new CifBlock.Duplicate(tag, tagLine));
        }
    }

    private void skipSaveFrame() {
        // save_NAME opens, a bare save_ closes
        if (tokEnd - tokStart == 5) {
            return;
        }
        int open = tokLine;
        while (true) {
            next();
            if (type == EOF) {
                throw error(open, null, "save frame not closed");
            }
            if (type == SAVE && tokEnd - tokStart == 5) {
                return;
            }
        }
    }

    private String tagName() {
        char[] t = new char[tokEnd - tokStart];
        for (int i = 0; i < t.length; i++) {
            char c = b[tokStart + i];
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + ('a' - 'A'));
            } else if (c == '.') {
                c = '_';
            }
            t[i] = c;
        }
        return new String(t);
    }

    private String token() {
        String s = new String(b, tokStart, Math.min(tokEnd - tokStart, 40));
        return tokEnd - tokStart > 40 ? s + "..." : s;
    }

    private StructureException error(int ln, String field, String message) {
        return new StructureException(FORMAT, ln, field, message);
    }

    private boolean atLineStart(int p) {
        return p == 0 || b[p - 1] == '\n' || b[p - 1] == '\r';
    }

    /** Advances to the next token. */
    private void next() {
        if (pushedBack) {
            pushedBack = false;
            return;
        }
        // skip whitespace and comments
        while (pos < n) {
            char c = b[pos];
            if (c == '\n') {
                line++;
                pos++;
            } else if (c == '\r') {
                if (pos + 1 >= n || b[pos + 1] != '\n') {
                    line++;
                }
                pos++;
            } else if (c == ' ' || c == '\t' || c == '\f' || c == 0xFEFF) {
                pos++;
            } else if (c == '#') {
                while (pos < n && b[pos] != '\n' && b[pos] != '\r') {
                    pos++;
                }
            } else {
                break;
            }
        }
        tokLine = line;
        tokQuoted = false;
        if (pos >= n) {
            type = EOF;
            return;
        }
        char c = b[pos];
        if (c == ';' && atLineStart(pos)) {
            textField();
            return;
        }
        if (c == '\'' || c == '"') {
            quoted(c);
            return;
        }
        if (c < ' ' && c != '\t') {
            throw error(line, null, "control character 0x" + Integer.toHexString(c) + " (binary content?)");
        }
        int s = pos;
        while (pos < n) {
            char d = b[pos];
            if (d == ' ' || d == '\t' || d == '\n' || d == '\r') {
                break;
            }
            if (d < ' ') {
                throw error(line, null, "control character 0x" + Integer.toHexString(d) + " (binary content?)");
            }
            pos++;
        }
        tokStart = s;
        tokEnd = pos;
        int len = pos - s;
        if (c == '_') {
            if (len == 1) {
                throw error(line, null, "empty tag name '_'");
            }
            type = TAG;
        } else if (len >= 5 && startsWithIgnoreCase(s, "data_")) {
            if (len == 5) {
                throw error(line, null, "data_ block without a name");
            }
            type = DATA;
        } else if (len == 5 && startsWithIgnoreCase(s, "loop_")) {
            type = LOOP;
        } else if (len >= 5 && startsWithIgnoreCase(s, "save_")) {
            type = SAVE;
        } else if (len == 7 && startsWithIgnoreCase(s, "global_")) {
            type = GLOBAL;
        } else if (len == 5 && startsWithIgnoreCase(s, "stop_")) {
            type = STOP;
        } else {
            // '[', ']' and '$' are reserved in CIF 1.1 as value starts; accepted as plain values like most readers
            type = VALUE;
        }
    }

    private boolean startsWithIgnoreCase(int s, String word) {
        for (int i = 0; i < word.length(); i++) {
            if (Character.toLowerCase(b[s + i]) != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private void quoted(char q) {
        int openLine = line;
        int s = pos + 1;
        int p = s;
        while (p < n) {
            char d = b[p];
            if (d == '\n' || d == '\r') {
                throw error(openLine, null, "unterminated " + (q == '\'' ? "single" : "double") + "-quoted value");
            }
            if (d == q && (p + 1 >= n || isWhite(b[p + 1]))) {
                tokStart = s;
                tokEnd = p;
                tokQuoted = true;
                type = VALUE;
                pos = p + 1;
                return;
            }
            p++;
        }
        throw error(openLine, null, "unterminated " + (q == '\'' ? "single" : "double") + "-quoted value");
    }

    private void textField() {
        int openLine = line;
        int s = pos + 1;
        int p = s;
        while (p < n) {
            char d = b[p];
            if (d == '\n' || d == '\r') {
                if (d == '\r' && p + 1 < n && b[p + 1] == '\n') {
                    p++;
                }
                line++;
                if (p + 1 < n && b[p + 1] == ';') {
                    tokStart = s;
                    tokEnd = d == '\r' && b[p] == '\n' ? p - 1 : p;
                    tokQuoted = true;
                    type = VALUE;
                    pos = p + 2;
                    return;
                }
            }
            p++;
        }
        throw error(openLine, null, "text field opened with ';' is not closed");
    }

    private static boolean isWhite(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }
}
