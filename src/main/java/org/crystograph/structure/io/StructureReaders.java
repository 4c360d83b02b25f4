package org.crystograph.structure.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.crystograph.structure.ReadOptions;
import org.crystograph.structure.Structure;
import org.crystograph.structure.StructureException;

/**
 * The one entry point for reading structures: text, bytes, files and zip entries in any supported {@link Format}.
 *
 * <p>The format is the one given, else recognised from the content ({@link #sniff}), else guessed from the file
 * name. Every failure to read is a {@link StructureException} naming the format, line or field and the bad value;
 * nothing is silently defaulted. Stateless and thread-safe.
 */
public final class StructureReaders {

    /** How many leading bytes are inspected for binary content. */
    private static final int BINARY_PROBE_BYTES = 4096;
    /** More than this fraction of control characters in the probe means binary content. */
    private static final double BINARY_CONTROL_FRACTION = 0.05;
    private static final String DEFAULT_SOURCE = "<input>";

    private StructureReaders() {
    }

    /** Reads every structure in {@code text} with default options; the format is sniffed unless given. */
    public static List<ParsedStructure> read(String text, Optional<Format> format) {
        return read(text, format, DEFAULT_SOURCE, ReadOptions.defaults());
    }

    /**
     * Reads every structure in {@code text} (several CIF data blocks or XYZ frames give several structures).
     *
     * @param source a name for the input used in results and messages (file name, zip entry)
     * @throws StructureException when the input cannot be read faithfully
     */
    public static List<ParsedStructure> read(String text, Optional<Format> format, String source, ReadOptions options) {
        char[] chars = text.toCharArray();
        return read(chars, chars.length, format, source, options);
    }

    /** Reads the only structure in {@code text}; an input holding several structures is an error. */
    public static Structure readOne(String text, Optional<Format> format) {
        List<ParsedStructure> all = read(text, format);
        if (all.size() != 1) {
            throw new StructureException(all.get(0).format().id(), 0, null, "expected one structure, found " + all.size());
        }
        return all.get(0).structure();
    }

    /**
     * Reads structures from raw bytes: UTF-8 (a byte-order mark is skipped), falling back to ISO-8859-1 for legacy
     * files; binary content is rejected.
     */
    public static List<ParsedStructure> read(byte[] bytes, Optional<Format> format, String source, ReadOptions options) {
        CharBuffer chars = decode(bytes, format, source);
        return read(chars.array(), chars.limit(), format, source, options);
    }

    /** Reads a file with default options; the file name is the source and a fallback format hint. */
    public static List<ParsedStructure> read(Path file) {
        return read(file, Optional.empty(), ReadOptions.defaults());
    }

    /**
     * Reads a file.
     *
     * @throws UncheckedIOException when the file cannot be read at all
     */
    public static List<ParsedStructure> read(Path file, Optional<Format> format, ReadOptions options) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return read(bytes, format, file.toString(), options);
    }

    /** Reads one entry of a zip archive; the source is {@code zip!entry}. */
    public static List<ParsedStructure> readZipEntry(ZipFile zip, ZipEntry entry, Optional<Format> format,
            ReadOptions options) {
        byte[] bytes;
        try (var in = zip.getInputStream(entry)) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + entry.getName() + " in " + zip.getName(), e);
        }
        return read(bytes, format, entry.getName(), options);
    }

    private static List<ParsedStructure> read(char[] chars, int length, Optional<Format> format, String source,
            ReadOptions options) {
        Format f = format.orElseGet(() -> sniff(chars, length, source));
        return switch (f) {
            case CIF -> CifReader.read(chars, length, source, options);
            case POSCAR -> List.of(PoscarReader.read(chars, length, source, options));
            case EXTXYZ -> ExtXyzReader.read(chars, length, source, options);
            case PYMATGEN_JSON, OPTIMADE_JSON -> JsonStructureReader.read(new String(chars, 0, length), f, source, options);
        };
    }

    /**
     * Recognises the format from the content: JSON by its first character and keys; CIF by a {@code data_} block,
     * a leading tag or {@code loop_}; extended XYZ by an atom count followed by a {@code Lattice=} comment; POSCAR by
     * a number on line 2 and three numbers on each of lines 3 to 5.
     *
     * @throws StructureException when none matches (the file name is then used as a hint)
     */
    public static Format sniff(String text) {
        return sniff(text.toCharArray(), text.length(), DEFAULT_SOURCE);
    }

    private static Format sniff(char[] b, int n, String source) {
        int i = 0;
        while (i < n && (Character.isWhitespace(b[i]) || b[i] == 0xFEFF)) {
            i++;
        }
        if (i >= n) {
            throw new StructureException("unknown", 0, null, "empty input");
        }
        if (b[i] == '{' || b[i] == '[') {
            return JsonStructureReader.sniff(new String(b, i, n - i));
        }
        // CIF: a data_ keyword at a line start, or a first token that is a tag or loop_ / comment lines
        int lineStart = 0;
        int lines = 0;
        String[] firstLines = new String[6];
        for (int p = 0; p <= n && lines < 2000; p++) {
            if (p == n || b[p] == '\n' || b[p] == '\r') {
                if (p > lineStart) {
                    int s = lineStart;
                    while (s < p && (b[s] == ' ' || b[s] == '\t')) {
                        s++;
                    }
                    if (p - s >= 5 && Character.toLowerCase(b[s]) == 'd' && Character.toLowerCase(b[s + 1]) == 'a'
                            && Character.toLowerCase(b[s + 2]) == 't' && Character.toLowerCase(b[s + 3]) == 'a'
                            && b[s + 4] == '_') {
                        return Format.CIF;
                    }
                    if (lines == 0 && s < p && (b[s] == '_' || startsWithLoop(b, s, p))) {
                        return Format.CIF;
                    }
                    if (lines < firstLines.length) {
                        firstLines[lines] = new String(b, lineStart, p - lineStart);
                    }
                    lines++;
                } else if (p < n && b[p] == '\n' && p > 0 && b[p - 1] == '\r') {
                    // second half of \r\n
                } else if (lines < firstLines.length && p < n) {
                    firstLines[lines] = "";
                    lines++;
                }
                lineStart = p + 1;
            }
        }
        if (firstLines[0] != null && firstLines[1] != null && firstLines[0].trim().matches("\\d+")
                && (firstLines[1].contains("Lattice=") || firstLines[1].contains("lattice="))) {
            return Format.EXTXYZ;
        }
        if (looksLikePoscar(firstLines)) {
            return Format.POSCAR;
        }
        if (firstLines[0] != null && firstLines[0].trim().matches("\\d+")) {
            return Format.EXTXYZ;
        }
        Optional<Format> byName = Format.fromFileName(source);
        if (byName.isPresent()) {
            return byName.get();
        }
        String first = firstLines[0] == null ? "" : firstLines[0].trim();
        throw new StructureException("unknown", 1, null, "cannot recognise the format (not CIF, POSCAR, extended XYZ,"
                + " pymatgen or OPTIMADE JSON); first line: '" + CifReader.shorten(first) + "'");
    }

    private static boolean startsWithLoop(char[] b, int s, int e) {
        return e - s >= 5 && Character.toLowerCase(b[s]) == 'l' && Character.toLowerCase(b[s + 1]) == 'o'
                && Character.toLowerCase(b[s + 2]) == 'o' && Character.toLowerCase(b[s + 3]) == 'p' && b[s + 4] == '_';
    }

    private static boolean looksLikePoscar(String[] lines) {
        if (lines[4] == null) {
            return false;
        }
        String[] scale = lines[1].trim().split("\\s+");
        if (scale.length != 1 && scale.length != 3) {
            return false;
        }
        for (String s : scale) {
            if (Double.isNaN(Numbers.parse(s))) {
                return false;
            }
        }
        for (int k = 2; k <= 4; k++) {
            String[] v = lines[k].trim().split("\\s+");
            if (v.length < 3) {
                return false;
            }
            for (int j = 0; j < 3; j++) {
                if (Double.isNaN(Numbers.parse(v[j]))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static CharBuffer decode(byte[] bytes, Optional<Format> format, String source) {
        String fmt = format.map(Format::id).orElse("unknown");
        if (bytes.length == 0) {
            throw new StructureException(fmt, 0, null, "empty input (0 bytes)");
        }
        int probe = Math.min(bytes.length, BINARY_PROBE_BYTES);
        int control = 0;
        for (int i = 0; i < probe; i++) {
            int c = bytes[i] & 0xFF;
            if (c == 0) {
                throw new StructureException(fmt, 0, null, "binary content (NUL byte at offset " + i + ")");
            }
            if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') {
                control++;
            }
        }
        if (control > BINARY_CONTROL_FRACTION * probe) {
            throw new StructureException(fmt, 0, null, "binary content (" + control + " control bytes in the first "
                    + probe + ")");
        }
        int offset = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
                && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
        ByteBuffer in = ByteBuffer.wrap(bytes, offset, bytes.length - offset);
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return utf8.decode(in);
        } catch (CharacterCodingException e) {
            return StandardCharsets.ISO_8859_1.decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset));
        }
    }
}
