package org.crystograph.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The closed loop of {@code bench soak}: {@code clients} threads each send a request drawn from {@link SoakInputs},
 * wait for its answer and send the next, until the duration has passed. Every answer is classified by status; an
 * answer later than the service's deadline plus a margin, a client timeout, or a connection error is a stuck request.
 */
final class SoakRun {

    /** How much longer than the stuck bound a client waits before giving up on an answer. */
    private static final Duration CLIENT_GRACE = Duration.ofSeconds(30);
    private static final double NANOS_PER_MILLI = 1e6;

    /**
     * What the run measured.
     *
     * @param clients concurrent clients
     * @param seconds wall time of the run
     * @param latencyMillis sorted latencies of every answered request, milliseconds
     * @param byStatus answers per HTTP status
     * @param byKind requests per kind of input, and per kind the statuses seen
     * @param serverErrors the 5xx answers
     * @param serverErrorExamples what the first few 5xx answers were sent and answered
     * @param stuck requests not answered within the stuck bound (late answers, client timeouts)
     * @param transportErrors requests that got no HTTP answer at all (connection reset or refused)
     * @param stuckExamples what the first few stuck or unanswered requests were
     */
    record Result(int clients, double seconds, double[] latencyMillis, Map<Integer, Long> byStatus,
            Map<String, Map<Integer, Long>> byKind, long serverErrors, List<String> serverErrorExamples, long stuck,
            long transportErrors, List<String> stuckExamples) {

        /** Answered requests per second. */
        double throughput() {
            return latencyMillis.length / seconds;
        }

        /** The q-quantile (0..1) of latency in milliseconds, nearest rank; NaN without samples. */
        double quantileMillis(double q) {
            if (latencyMillis.length == 0) {
                return Double.NaN;
            }
            int rank = (int) Math.ceil(q * latencyMillis.length) - 1;
            return latencyMillis[Math.max(0, Math.min(latencyMillis.length - 1, rank))];
        }

        /** Answers with a status of this class (2 for 2xx, ...). */
        long statusClass(int hundreds) {
            return byStatus.entrySet().stream().filter(e -> e.getKey() / 100 == hundreds)
                    .mapToLong(Map.Entry::getValue).sum();
        }
    }

    /** Examples kept per failure class. */
    private static final int EXAMPLES = 10;

    private final HttpClient http;
    private final URI base;
    private final SoakInputs inputs;
    private final Duration stuckAfter;

    /**
     * @param base the service's base URL
     * @param inputs the request mix
     * @param stuckAfter an answer later than this is a stuck request (the service's deadline plus a margin)
     */
    SoakRun(URI base, SoakInputs inputs, Duration stuckAfter) {
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        this.base = base;
        this.inputs = inputs;
        this.stuckAfter = stuckAfter;
    }

    /** Runs {@code clients} closed-loop clients for {@code duration}. */
    Result run(int clients, Duration duration) throws InterruptedException {
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        ConcurrentLinkedQueue<double[]> latencies = new ConcurrentLinkedQueue<>();
        Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();
        Map<String, Map<Integer, LongAdder>> byKind = new ConcurrentHashMap<>();
        AtomicLong serverErrors = new AtomicLong();
        AtomicLong stuck = new AtomicLong();
        AtomicLong transport = new AtomicLong();
        List<String> serverErrorExamples = java.util.Collections.synchronizedList(new ArrayList<>());
        List<String> stuckExamples = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Thread t = new Thread(() -> {
                List<Double> mine = new ArrayList<>();
                while (System.nanoTime() < end) {
                    SoakInputs.Request r = inputs.next();
                    String what = r.kind() + " " + r.name();
                    long t0 = System.nanoTime();
                    int status;
                    String body;
                    try {
                        HttpResponse<String> response = http.send(request(r), HttpResponse.BodyHandlers.ofString());
                        status = response.statusCode();
                        body = response.body();
                    } catch (HttpTimeoutException e) {
                        stuck.incrementAndGet();
                        example(stuckExamples, what + ": no answer within " + stuckAfter.plus(CLIENT_GRACE));
                        continue;
                    } catch (IOException e) {
                        transport.incrementAndGet();
                        example(stuckExamples, what + ": " + e);
                        continue;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                    long nanos = System.nanoTime() - t0;
                    mine.add(nanos / NANOS_PER_MILLI);
                    byStatus.computeIfAbsent(status, s -> new LongAdder()).increment();
                    byKind.computeIfAbsent(r.kind().name(), k -> new ConcurrentHashMap<>())
                            .computeIfAbsent(status, s -> new LongAdder()).increment();
                    if (status >= 500) {
                        serverErrors.incrementAndGet();
                        example(serverErrorExamples, what + " -> " + status + " " + abbreviate(body));
                    }
                    if (nanos > stuckAfter.toNanos()) {
                        stuck.incrementAndGet();
                        example(stuckExamples, what + ": answered " + status + " after " + nanos / 1_000_000 + " ms");
                    }
                }
                latencies.add(mine.stream().mapToDouble(Double::doubleValue).toArray());
            }, "soak-client-" + c);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double[] all = latencies.stream().flatMapToDouble(Arrays::stream).toArray();
        Arrays.sort(all);
        Map<Integer, Long> statuses = new TreeMap<>();
        byStatus.forEach((s, n) -> statuses.put(s, n.sum()));
        Map<String, Map<Integer, Long>> kinds = new TreeMap<>();
        byKind.forEach((k, m) -> {
            Map<Integer, Long> counts = new TreeMap<>();
            m.forEach((s, n) -> counts.put(s, n.sum()));
            kinds.put(k, counts);
        });
        return new Result(clients, seconds, all, statuses, kinds, serverErrors.get(), List.copyOf(serverErrorExamples),
                stuck.get(), transport.get(), List.copyOf(stuckExamples));
    }

    private HttpRequest request(SoakInputs.Request r) {
        return HttpRequest.newBuilder(base.resolve(r.path())).timeout(stuckAfter.plus(CLIENT_GRACE))
                .header("Content-Type", r.contentType()).POST(HttpRequest.BodyPublishers.ofByteArray(r.body()))
                .build();
    }

    private static void example(List<String> examples, String what) {
        synchronized (examples) {
            if (examples.size() < EXAMPLES) {
                examples.add(what);
            }
        }
    }

    private static String abbreviate(String body) {
        String oneLine = body == null ? "" : body.replaceAll("\\s+", " ");
        int max = 300;
        return oneLine.length() <= max ? oneLine : oneLine.substring(0, max) + "...";
    }
}
