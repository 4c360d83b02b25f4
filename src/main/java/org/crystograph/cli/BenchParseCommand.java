package org.crystograph.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.crystograph.structure.ReadOptions;
import org.crystograph.structure.StructureException;
import org.crystograph.structure.io.ParsedStructure;
import org.crystograph.structure.io.StructureReaders;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code crystograph bench parse DIR|ZIP ...}: structures per second of the readers on whole datasets. All files are
 * first loaded into memory (so disk and zip inflation are not timed); then each input is read {@code --warmup} times
 * untimed and {@code --repeat} times timed on one thread, from bytes to validated {@code Structure}s (decoding,
 * format sniffing, tokenizing, symmetry expansion). The best repetition is reported.
 */
@Command(name = "parse", mixinStandardHelpOptions = true,
        description = "Structures/s of the structure readers over directories or zip archives of structure files.")
public final class BenchParseCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "DIR|ZIP", description = "Directories or zip archives of structure files.")
    List<Path> inputs;

    @Option(names = "--repeat", description = "Timed repetitions per input (default: ${DEFAULT-VALUE}).")
    int repeat = 3;

    @Option(names = "--warmup", description = "Untimed passes per input before timing (default: ${DEFAULT-VALUE}).")
    int warmup = 2;

    private record Input(String name, byte[] bytes) {
    }

    @Override
    public Integer call() {
        System.out.printf(Locale.ROOT, "# bench parse, %s, %d cores, Java %s, best of %d after %d warm-up passes%n",
                LocalDate.now(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), repeat,
                warmup);
        System.out.println("| input | files | structures | sites | failures | best time (s) | structures/s | sites/s |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
        for (Path p : inputs) {
            List<Input> files = load(p);
            int[] counts = null;
            double best = Double.MAX_VALUE;
            for (int i = 0; i < warmup + repeat; i++) {
                long t0 = System.nanoTime();
                counts = readAll(files);
                double s = (System.nanoTime() - t0) / 1e9;
                if (i >= warmup) {
                    best = Math.min(best, s);
                }
            }
            System.out.printf(Locale.ROOT, "| %s | %d | %d | %d | %d | %.3f | %.0f | %.0f |%n", label(p),
                    files.size(), counts[0], counts[1], counts[2], best, counts[0] / best, counts[1] / best);
        }
        return 0;
    }

    /** The input as {@code parent/name}, e.g. {@code 3dsc-mp-doped/cifs.zip}. */
    private static String label(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        return abs.getParent() == null ? abs.toString() : abs.getParent().getFileName() + "/" + abs.getFileName();
    }

    /** Reads every input; returns structures, sites, failures. */
    private static int[] readAll(List<Input> files) {
        int structures = 0;
        int sites = 0;
        int failures = 0;
        ReadOptions options = ReadOptions.defaults();
        for (Input f : files) {
            try {
                for (ParsedStructure s : StructureReaders.read(f.bytes, Optional.empty(), f.name, options)) {
                    structures++;
                    sites += s.structure().size();
                }
            } catch (StructureException e) {
                failures++;
            }
        }
        return new int[] {structures, sites, failures};
    }

    private static List<Input> load(Path p) {
        List<Input> out = new ArrayList<>();
        try {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.list(p)) {
                    for (Path f : s.filter(Files::isRegularFile).sorted().toList()) {
                        out.add(new Input(f.getFileName().toString(), Files.readAllBytes(f)));
                    }
                }
            } else {
                try (ZipFile zip = new ZipFile(p.toFile())) {
                    for (ZipEntry e : Collections.list(zip.entries())) {
                        if (!e.isDirectory()) {
                            try (var in = zip.getInputStream(e)) {
                                out.add(new Input(e.getName(), in.readAllBytes()));
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + p, e);
        }
        return out;
    }
}
