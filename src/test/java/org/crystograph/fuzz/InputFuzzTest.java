package org.crystograph.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.crystograph.graph.CloseContacts;
import org.crystograph.graph.CrystalGraph;
import org.crystograph.graph.GraphBuildException;
import org.crystograph.graph.GraphBuilder;
import org.crystograph.graph.NeighborList;
import org.crystograph.structure.ReadOptions;
import org.crystograph.structure.Structure;
import org.crystograph.structure.StructureException;
import org.crystograph.structure.io.Format;
import org.crystograph.structure.io.ParsedStructure;
import org.crystograph.structure.io.StructureReaders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A seeded mutation fuzzer over the five readers and graph building. Each input (a valid seed file of one of the five
 * formats, mutated one to three times by {@link Mutator}) is read, once with its seed's format and once recognised from
 * its content, and every structure read is turned into a graph. It passes when the readers answer with a structure or
 * a {@link StructureException}, graph building with a graph, a {@link StructureException} or a
 * {@link GraphBuildException} of reason {@code WORK_LIMIT}, all within {@link #INPUT_SECONDS} per input. Anything
 * else - another exception, an error, a hang - is a failure: the input is written to
 * {@code src/test/resources/fuzz/regressions/} (replayed on every run by {@link #regression}) and the test fails.
 *
 * <p>Budget: {@code -Dcrystograph.fuzz.seconds=N} (default {@value #DEFAULT_SECONDS}), seed
 * {@code -Dcrystograph.fuzz.seed=S} (default {@value #DEFAULT_SEED}), per-input bound
 * {@code -Dcrystograph.fuzz.inputSeconds=T} (default {@value #DEFAULT_INPUT_SECONDS}). A longer run:
 * {@code ./mvnw -o test -Dtest=InputFuzzTest -Dcrystograph.fuzz.seconds=600 -Dcrystograph.fuzz.seed=7}.
 */
class InputFuzzTest {

    static final int DEFAULT_SECONDS = 20;
    static final long DEFAULT_SEED = 28;
    static final int DEFAULT_INPUT_SECONDS = 10;

    private static final int SECONDS = Integer.getInteger("crystograph.fuzz.seconds", DEFAULT_SECONDS);
    private static final long SEED = Long.getLong("crystograph.fuzz.seed", DEFAULT_SEED);
    private static final int INPUT_SECONDS = Integer.getInteger("crystograph.fuzz.inputSeconds", DEFAULT_INPUT_SECONDS);

    /** Structures up to this size get the whole graph (encodings included); larger ones neighbours and edges only. */
    private static final int FULL_GRAPH_MAX_SITES = 500;
    /** Structures of one input that are turned into graphs (a file may hold many blocks or frames). */
    private static final int MAX_GRAPHS_PER_INPUT = 4;
    /** Failures collected before the run stops early. */
    private static final int MAX_FAILURES = 20;
    /** How long a timed-out input's thread is given to notice its interrupt before it is abandoned. */
    private static final long ABANDON_AFTER_MILLIS = 2_000;

    private static final Path REGRESSIONS = Path.of("src/test/resources/fuzz/regressions");
    private static final Path FALLBACK_REGRESSIONS = Path.of("target/fuzz-regressions");

    /** A seed file and its format. */
    private record Seed(String resource, Format format) {
    }

    private static final List<Seed> SEEDS = List.of(
            new Seed("/structures/nacl_fm-3m.cif", Format.CIF),
            new Seed("/structures/si_diamond_fd-3m.cif", Format.CIF),
            new Seed("/structures/caf2_fluorite_fm-3m.cif", Format.CIF),
            new Seed("/structures/cu3au_disordered_fm-3m.cif", Format.CIF),
            new Seed("/structures/zno_wurtzite_p63mc.cif", Format.CIF),
            new Seed("/structures/mg_hcp_p63mmc.cif", Format.CIF),
            new Seed("/structures/zro2_baddeleyite_p21c.cif", Format.CIF),
            new Seed("/structures/tio2_rutile_p42mnm.cif", Format.CIF),
            new Seed("/service/SrTiO3_POSCAR", Format.POSCAR),
            new Seed("/fuzz/seeds/Si_cartesian_selective.POSCAR", Format.POSCAR),
            new Seed("/fuzz/seeds/CsCl.extxyz", Format.EXTXYZ),
            new Seed("/fuzz/seeds/FeCo_O_disordered.pymatgen.json", Format.PYMATGEN_JSON),
            new Seed("/service/BaTiO3_optimade.json", Format.OPTIMADE_JSON));

    private static ExecutorService worker;
    private static final GraphBuilder GRAPHS = GraphBuilder.withDefaults();

    @BeforeAll
    static void startWorker() {
        worker = newWorker();
    }

    @AfterAll
    static void stopWorker() {
        worker.shutdownNow();
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz-input");
            t.setDaemon(true);
            return t;
        });
    }

    // ---- the oracle ----

    /** What one input came to; {@code failure} is null when it ended in a typed outcome within the bound. */
    record Outcome(String summary, String failure) {
    }

    /** Reads and builds one input on the worker thread, within the per-input bound. */
    static Outcome run(byte[] input, Optional<Format> format) {
        Future<String> f = worker.submit(() -> readAndBuild(input, format));
        try {
            return new Outcome(f.get(INPUT_SECONDS, TimeUnit.SECONDS), null);
        } catch (TimeoutException e) {
            f.cancel(true);
            try {
                f.get(ABANDON_AFTER_MILLIS, TimeUnit.MILLISECONDS);
            } catch (Exception stopped) {
                if (!f.isDone()) {
                    worker.shutdownNow(); // a thread that ignores its interrupt is left behind (daemon)
                    worker = newWorker();
                }
            }
            return new Outcome("timeout", "took longer than " + INPUT_SECONDS + " s");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            StackTraceElement[] at = cause.getStackTrace();
            return new Outcome("failed", cause.getClass().getName() + ": " + cause.getMessage()
                    + (at.length > 0 ? " at " + at[0] : ""));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("fuzzing interrupted", e);
        }
    }

    /** The oracle: returns a summary of a typed outcome, throws anything else. */
    private static String readAndBuild(byte[] input, Optional<Format> format) {
        List<ParsedStructure> parsed;
        try {
            parsed = StructureReaders.read(input, format, "fuzz-input", ReadOptions.defaults());
        } catch (StructureException e) {
            return "refused";
        }
        int built = 0;
        int refused = 0;
        for (ParsedStructure p : parsed.subList(0, Math.min(MAX_GRAPHS_PER_INPUT, parsed.size()))) {
            Structure s = p.structure();
            try {
                if (s.size() <= FULL_GRAPH_MAX_SITES) {
                    CrystalGraph g = GRAPHS.build(s);
                    CloseContacts.warning(s, g);
                } else {
                    NeighborList nl = GRAPHS.neighbors(GRAPHS.frame(s));
                    GRAPHS.edgeFeatures(nl);
                }
                built++;
            } catch (StructureException e) {
                refused++;
            } catch (GraphBuildException e) {
                if (e.reason() != GraphBuildException.Reason.WORK_LIMIT) {
                    throw e;
                }
                refused++;
            }
        }
        return "read " + parsed.size() + ", built " + built + ", graph refused " + refused;
    }

    // ---- replay of every input that ever failed ----

    static Stream<Path> regressions() throws IOException {
        try (Stream<Path> files = Files.list(REGRESSIONS)) {
            return files.filter(p -> !p.getFileName().toString().equals("README.md")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("regressions")
    void regression(Path file) throws IOException {
        byte[] input = Files.readAllBytes(file);
        for (Optional<Format> format : List.of(formatOf(file.getFileName().toString()), Optional.<Format>empty())) {
            Outcome o = run(input, format);
            assertThat(o.failure()).as("%s read as %s: %s", file, format.map(Format::id).orElse("recognised"),
                    o.summary()).isNull();
        }
    }

    /** The format a regression file's name declares: {@code .cif}, {@code .poscar}, {@code .extxyz}, {@code .pymatgen.json}, {@code .optimade.json}. */
    static Optional<Format> formatOf(String name) {
        if (name.endsWith(".pymatgen.json")) {
            return Optional.of(Format.PYMATGEN_JSON);
        }
        if (name.endsWith(".optimade.json")) {
            return Optional.of(Format.OPTIMADE_JSON);
        }
        return Format.fromFileName(name);
    }

    private static String suffix(Format f) {
        return switch (f) {
            case CIF -> ".cif";
            case POSCAR -> ".poscar";
            case EXTXYZ -> ".extxyz";
            case PYMATGEN_JSON -> ".pymatgen.json";
            case OPTIMADE_JSON -> ".optimade.json";
        };
    }

    // ---- the fuzzer ----

    @Test
    void seededMutationsOfEveryFormat_endInTypedOutcomesWithinTheBound() throws IOException {
        List<String> texts = new ArrayList<>();
        for (Seed s : SEEDS) {
            texts.add(resource(s.resource()));
        }
        Random rnd = new Random(SEED);
        Mutator mutator = new Mutator(rnd);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
        long inputs = 0;
        long refused = 0;
        long read = 0;
        List<String> failures = new ArrayList<>();
        while (System.nanoTime() < end && failures.size() < MAX_FAILURES) {
            int which = rnd.nextInt(SEEDS.size());
            Seed seed = SEEDS.get(which);
            String text = mutator.mutate(texts.get(which), texts.get(rnd.nextInt(texts.size())));
            byte[] input = text.getBytes(rnd.nextBoolean() ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
            Optional<Format> format = rnd.nextBoolean() ? Optional.of(seed.format()) : Optional.empty();
            Outcome o = run(input, format);
            inputs++;
            if (o.failure() != null) {
                Path kept = keep(input, seed.format());
                failures.add(kept + " (from " + seed.resource() + ", read as "
                        + format.map(Format::id).orElse("recognised") + "): " + o.failure());
            } else if (o.summary().equals("refused")) {
                refused++;
            } else {
                read++;
            }
        }
        System.out.printf(Locale.ROOT, "input fuzz: seed %d, %d s: %,d inputs (%,d refused by the readers, %,d read and"
                + " turned into graphs or refused by graph building), %d failures%n", SEED, SECONDS, inputs, refused,
                read, failures.size());
        assertThat(failures).as("inputs that failed (kept as regressions; commit them with the fix)").isEmpty();
        assertThat(inputs).isPositive();
    }

    /** Writes a failing input where {@link #regressions} finds it, named by its content. */
    private static Path keep(byte[] input, Format format) throws IOException {
        Path dir = Files.isDirectory(REGRESSIONS) ? REGRESSIONS : FALLBACK_REGRESSIONS;
        Files.createDirectories(dir);
        Path file = dir.resolve(sha256(input).substring(0, 16) + suffix(format));
        Files.write(file, input);
        return file;
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = InputFuzzTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no seed " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
