package org.crystograph.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.crystograph.structure.ReadOptions;
import org.crystograph.structure.StructureException;
import org.crystograph.structure.io.Format;
import org.crystograph.structure.io.ParsedStructure;
import org.crystograph.structure.io.StructureReaders;
import org.crystograph.structure.io.StructureSummary;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code crystograph parse [--format F] FILE...}: reads structure files and prints one JSON object per structure per
 * line (JSON Lines): the {@link StructureSummary}, or {@code {"file", "error": {"type", "message", "line"}}} for a
 * file that fails. A {@code .zip} argument is read entry by entry ({@code file} is then the entry name). Exits with 1
 * when any file failed.
 */
@Command(name = "parse", mixinStandardHelpOptions = true,
        description = "Read structure files (CIF, POSCAR, extxyz, pymatgen/OPTIMADE JSON) and print JSON Lines summaries.")
public final class ParseCommand implements Callable<Integer> {

    /** Exit status when at least one file could not be read. */
    static final int EXIT_FAILED = 1;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = {"-f", "--format"}, paramLabel = "F",
            description = "Input format: cif, poscar, extxyz, pymatgen-json, optimade-json (default: recognised from the content).")
    String format;

    @Option(names = "--max-sites", paramLabel = "N", description = "Maximum sites per structure (default: ${DEFAULT-VALUE}).")
    int maxSites = org.crystograph.structure.Structure.DEFAULT_MAX_SITES;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Structure files or zip archives of them.")
    List<Path> files;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Optional<Format> fmt = format == null ? Optional.empty() : Format.fromName(format);
        if (format != null) {
            if (fmt.isEmpty()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "unknown format '" + format
                        + "' (cif, poscar, extxyz, pymatgen-json, optimade-json)");
            }
        }
        ReadOptions options = ReadOptions.defaults().withMaxSites(maxSites);
        PrintWriter out = new PrintWriter(System.out, false, StandardCharsets.UTF_8);
        boolean failed = false;
        for (Path file : files) {
            if (file.getFileName() != null && file.getFileName().toString().toLowerCase().endsWith(".zip")
                    && Files.isRegularFile(file)) {
                failed |= parseZip(file, fmt, options, out);
            } else {
                failed |= parseOne(file.toString(), () -> StructureReaders.read(file, fmt, options), out);
            }
        }
        out.flush();
        return failed ? EXIT_FAILED : 0;
    }

    private boolean parseZip(Path file, Optional<Format> fmt, ReadOptions options, PrintWriter out) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            boolean failed = false;
            for (ZipEntry e : Collections.list(zip.entries())) {
                if (!e.isDirectory()) {
                    failed |= parseOne(e.getName(), () -> StructureReaders.readZipEntry(zip, e, fmt, options), out);
                }
            }
            return failed;
        } catch (IOException e) {
            out.println(error(file.toString(), "io-error", describe(e), 0));
            return true;
        }
    }

    private interface Reading {
        List<ParsedStructure> read();
    }

    /** Prints the summaries or the error of one input; true when it failed. */
    private static boolean parseOne(String name, Reading reading, PrintWriter out) {
        List<ParsedStructure> structures;
        try {
            structures = reading.read();
        } catch (StructureException e) {
            out.println(error(name, "invalid-structure", e.describe(), e.line()));
            return true;
        } catch (UncheckedIOException e) {
            out.println(error(name, "io-error", describe(e.getCause()), 0));
            return true;
        }
        for (ParsedStructure p : structures) {
            StructureSummary s = StructureSummary.of(p);
            out.println(json(new StructureSummary(name, s.block(), s.format(), s.nsites(), s.volume(), s.species(),
                    s.lattice(), s.warnings())));
        }
        return false;
    }

    private static String error(String file, String type, String message, int line) {
        Map<String, Object> err = new LinkedHashMap<>();
        err.put("type", type);
        err.put("message", message);
        err.put("line", line > 0 ? line : null);
        Map<String, Object> obj = new LinkedHashMap<>();
        obj.put("file", file);
        obj.put("error", err);
        return json(obj);
    }

    private static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + o, e);
        }
    }

    /** A reading failure in words: "no such file", "permission denied", else the exception's own message. */
    static String describe(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
