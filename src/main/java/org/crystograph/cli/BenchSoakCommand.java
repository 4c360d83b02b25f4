package org.crystograph.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.crystograph.inference.ServingMetrics;
import org.crystograph.inference.ThreadLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code crystograph bench soak}: a long closed-loop run of many clients against the packaged service (started here,
 * as {@code bench serve} starts it, or already running at {@code --url}) with broken and absurd inputs mixed into
 * valid ones ({@link SoakInputs}). It reports requests per second, latency p50/p99, the answers by status, the 5xx
 * answers (there must be none), the stuck requests (answered later than the service's deadline plus a margin, or
 * not at all: there must be none) and the resident memory of the service process at the start, at its peak and at
 * the end. Exits with 1 when there was a 5xx or a stuck request.
 */
@Command(name = "soak", mixinStandardHelpOptions = true,
        description = "Soak-test the prediction service with valid, broken and absurd inputs for a long time.")
public final class BenchSoakCommand implements Callable<Integer> {

    private static final long SEED = 20261208L;
    /** How often the service's resident memory is sampled. */
    private static final Duration RSS_SAMPLE = Duration.ofSeconds(5);
    private static final long KIB = 1024;
    private static final double MIB = 1024.0 * 1024.0;

    @Option(names = "--url", description = "Base URL of a running service (default: start the packaged one).")
    URI url;

    @Option(names = "--pid", description = "Process id of the service at --url, for its resident memory.")
    Long pid;

    @Option(names = "--clients", defaultValue = "16", description = "Concurrent clients (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--seconds", defaultValue = "600", description = "Duration in seconds (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--request-timeout-seconds", defaultValue = "15", description = "The service's request deadline "
            + "(crystograph.serving.request-timeout; set on a service started here; default: ${DEFAULT-VALUE}).")
    int requestTimeoutSeconds;

    @Option(names = "--margin-seconds", defaultValue = "5", description = "An answer later than the deadline plus "
            + "this is a stuck request (default: ${DEFAULT-VALUE}).")
    int marginSeconds;

    @Option(names = "--max-sites", defaultValue = "1000", description = "The service's most sites per structure; one "
            + "absurd input has more (default: ${DEFAULT-VALUE}, the service's default).")
    int maxSites;

    @Option(names = "--seed", defaultValue = "" + SEED, description = "Seed of the request mix.")
    long seed;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        SoakInputs inputs = new SoakInputs(maxSites, seed);
        Duration stuckAfter = Duration.ofSeconds(requestTimeoutSeconds + marginSeconds);
        out.printf(Locale.ROOT, "# bench soak  %s  %d cores  %d clients  %d s  deadline %d s, stuck after %d s%n",
                ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
                Runtime.getRuntime().availableProcessors(), clients, seconds, requestTimeoutSeconds,
                stuckAfter.toSeconds());
        out.printf(Locale.ROOT, "# mix (weights): %s%n", mix());
        if (url != null) {
            return soak(url, pid == null ? OptionalLong.empty() : OptionalLong.of(pid), inputs, stuckAfter, out);
        }
        ThreadLayout layout = ThreadLayout.resolve(0, 0, "cpu");
        try (ServiceProcess service = ServiceProcess.start(Path.of("unused"), true, 32, 4096, 5, true, "cpu", layout,
                Map.of("crystograph.serving.request-timeout", requestTimeoutSeconds + "s"))) {
            out.printf(Locale.ROOT, "# service: the application jar, bundled model, %s; log %s%n", layout,
                    service.log);
            return soak(service.base, OptionalLong.of(service.process.pid()), inputs, stuckAfter, out);
        }
    }

    private int soak(URI base, OptionalLong servicePid, SoakInputs inputs, Duration stuckAfter, PrintStream out)
            throws InterruptedException {
        OptionalLong rssStart = servicePid.isPresent() ? rss(servicePid.getAsLong()) : OptionalLong.empty();
        OptionalLong threadsStart = servicePid.isPresent() ? threads(servicePid.getAsLong()) : OptionalLong.empty();
        AtomicLong peak = new AtomicLong(rssStart.orElse(0));
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                rss(servicePid.orElse(-1)).ifPresent(r -> peak.accumulateAndGet(r, Math::max));
                try {
                    Thread.sleep(RSS_SAMPLE.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "soak-rss");
        sampler.setDaemon(true);
        if (servicePid.isPresent()) {
            sampler.start();
        }
        SoakRun.Result r = new SoakRun(base, inputs, stuckAfter).run(clients, Duration.ofSeconds(seconds));
        sampler.interrupt();
        OptionalLong rssEnd = servicePid.isPresent() ? rss(servicePid.getAsLong()) : OptionalLong.empty();
        OptionalLong threadsEnd = servicePid.isPresent() ? threads(servicePid.getAsLong()) : OptionalLong.empty();
        String stuckGauge = metric(base, ServingMetrics.GRAPH_STUCK);

        out.println();
        out.println("| clients | seconds | requests | requests/s | p50 ms | p99 ms | max ms | 2xx | 4xx | 5xx | stuck |"
                + " no answer | RSS start MiB | RSS peak MiB | RSS end MiB | threads start / end |");
        out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        out.printf(Locale.ROOT, "| %d | %.0f | %d | %.2f | %.0f | %.0f | %.0f | %d | %d | %d | %d | %d | %s | %s | %s |"
                + " %s / %s |%n", r.clients(), r.seconds(), r.latencyMillis().length, r.throughput(),
                r.quantileMillis(0.5), r.quantileMillis(0.99), r.quantileMillis(1.0), r.statusClass(2),
                r.statusClass(4), r.statusClass(5), r.stuck(), r.transportErrors(), mib(rssStart),
                mib(peak.get() > 0 ? OptionalLong.of(peak.get()) : OptionalLong.empty()), mib(rssEnd),
                text(threadsStart), text(threadsEnd));
        out.println();
        out.println("answers by status: " + r.byStatus());
        r.byKind().forEach((kind, statuses) -> out.println("  " + kind + ": " + statuses));
        out.println(ServingMetrics.GRAPH_STUCK + " at the end: " + stuckGauge);
        r.serverErrorExamples().forEach(e -> out.println("5xx: " + e));
        r.stuckExamples().forEach(e -> out.println("stuck: " + e));
        boolean ok = r.serverErrors() == 0 && r.stuck() == 0 && r.transportErrors() == 0;
        out.println(ok ? "PASS: no 5xx, no stuck request" : "FAIL: " + r.serverErrors() + " 5xx, " + r.stuck()
                + " stuck, " + r.transportErrors() + " without an answer");
        return ok ? 0 : 1;
    }

    private static String mix() {
        List<String> parts = new ArrayList<>();
        for (SoakInputs.Kind k : SoakInputs.Kind.values()) {
            parts.add(k.name().toLowerCase(Locale.ROOT) + " " + k.weight);
        }
        return String.join(", ", parts);
    }

    /** Resident memory of a process in bytes (Linux {@code /proc}); empty elsewhere or when it has gone. */
    static OptionalLong rss(long pid) {
        return statusField(pid, "VmRSS").stream().map(kib -> kib * KIB).findFirst()
                .map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    private static OptionalLong threads(long pid) {
        return statusField(pid, "Threads").stream().findFirst().map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    private static List<Long> statusField(long pid, String field) {
        if (pid < 0) {
            return List.of();
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field + ":")) {
                    return List.of(Long.parseLong(line.substring(field.length() + 1).trim().split("\\s+")[0]));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux, or the process has gone
        }
        return List.of();
    }

    /** A gauge's value scraped from the service's metrics, or "n/a". */
    private static String metric(URI base, String name) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve("/q/metrics"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*\\})? ([0-9.eE+-]+)$").matcher(r.body());
            return m.find() ? m.group(2) : "n/a";
        } catch (IOException e) {
            return "n/a";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "n/a";
        }
    }

    private static String mib(OptionalLong bytes) {
        return bytes.isPresent() ? String.format(Locale.ROOT, "%.0f", bytes.getAsLong() / MIB) : "n/a";
    }

    private static String text(OptionalLong v) {
        return v.isPresent() ? Long.toString(v.getAsLong()) : "n/a";
    }
}
