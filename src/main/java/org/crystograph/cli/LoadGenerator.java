package org.crystograph.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop HTTP load generator: {@code clients} threads each send one request, wait for its answer and send the
 * next, for a fixed time, cycling through the given bodies. Latency is measured per request on the client; the
 * requests that finish inside the measured window count (throughput = those answers / window length).
 */
final class LoadGenerator {

    /**
     * What one load level measured.
     *
     * @param clients concurrent clients
     * @param completed successful (2xx) answers within the measured window
     * @param failed non-2xx answers or transport errors
     * @param seconds measured window length
     * @param latencyMillis sorted latencies of the successful requests, milliseconds
     */
    record Result(int clients, long completed, long failed, double seconds, double[] latencyMillis) {

        /** Successful structures per second. */
        double throughput() {
            return completed / seconds;
        }

        /** The q-quantile (0..1) of latency in milliseconds, nearest-rank; NaN without samples. */
        double quantileMillis(double q) {
            if (latencyMillis.length == 0) {
                return Double.NaN;
            }
            int rank = (int) Math.ceil(q * latencyMillis.length) - 1;
            return latencyMillis[Math.max(0, Math.min(latencyMillis.length - 1, rank))];
        }
    }

    private final HttpClient http;
    private final URI target;
    private final String contentType;
    private final List<String> bodies;

    LoadGenerator(URI target, String contentType, List<String> bodies) {
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        this.target = target;
        this.contentType = contentType;
        this.bodies = List.copyOf(bodies);
    }

    /**
     * Runs {@code clients} closed-loop clients: {@code warmUp} unmeasured, then {@code measure} measured.
     *
     * @throws IllegalStateException when no request succeeded
     */
    Result run(int clients, Duration warmUp, Duration measure) throws InterruptedException {
        long start = System.nanoTime();
        long measureFrom = start + warmUp.toNanos();
        long end = measureFrom + measure.toNanos();
        List<List<Double>> perClient = new ArrayList<>();
        AtomicLong failed = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            List<Double> samples = new ArrayList<>();
            perClient.add(samples);
            int offset = c;
            Thread t = new Thread(() -> {
                int i = offset;
                while (true) {
                    long t0 = System.nanoTime();
                    if (t0 >= end) {
                        break;
                    }
                    boolean ok = send(bodies.get(i++ % bodies.size()));
                    long t1 = System.nanoTime();
                    if (t1 >= measureFrom && t1 <= end) {
                        if (ok) {
                            samples.add((t1 - t0) / 1e6);
                        } else {
                            failed.incrementAndGet();
                        }
                    }
                }
            }, "load-client-" + c);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        double[] all = perClient.stream().flatMap(List::stream).mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(all);
        if (all.length == 0) {
            throw new IllegalStateException("no request to " + target + " succeeded (" + failed.get() + " failed)");
        }
        return new Result(clients, all.length, failed.get(), measure.toNanos() / 1e9, all);
    }

    private boolean send(String body) {
        HttpRequest req = HttpRequest.newBuilder(target).timeout(Duration.ofMinutes(2))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        try {
            HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
            return r.statusCode() / 100 == 2;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
