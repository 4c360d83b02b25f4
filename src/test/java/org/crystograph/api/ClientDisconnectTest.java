package org.crystograph.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Clients that go away (a timeout, a closed browser tab, a load balancer giving up) on the real service with the
 * bundled model: their structures leave the queue instead of costing a forward pass each, and the service goes on
 * answering.
 */
@QuarkusTest
@TestProfile(ClientDisconnectTest.OneAtATime.class)
class ClientDisconnectTest {

    private static final int CLIENTS = 8;
    private static final long WAIT_MILLIS = 120_000;

    /** One worker running one structure at a time, so that requests wait in the queue. */
    public static class OneAtATime implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "crystograph.serving.max-batch-size", "1",
                    "crystograph.serving.max-delay-ms", "0",
                    "crystograph.serving.workers", "1",
                    // what is tested is the client leaving, not the deadline: on a busy machine eight 216-site
                    // forward passes in a row take longer than the shipped 15 s
                    "crystograph.serving.request-timeout", "300s");
        }
    }

    @Test
    void clientsClosingTheirConnections_takeTheirQueuedStructuresOutOfTheQueue() throws Exception {
        double predictedBefore = metric("crystograph_inference_predictions_total");
        double cancelledBefore = metric("crystograph_inference_cancelled_total");
        byte[] request = rawRequest(rockSaltSupercell(3)); // 216 sites: a forward pass long enough to queue behind
        List<Socket> clients = new ArrayList<>();
        try {
            for (int i = 0; i < CLIENTS; i++) {
                Socket s = new Socket("localhost", RestAssured.port);
                OutputStream out = s.getOutputStream();
                out.write(request);
                out.flush();
                clients.add(s);
            }
            // every graph built and handed to the model (a structure withdrawn while its graph is still being built
            // never reaches the engine, so it would be counted neither as predicted nor as cancelled there)
            waitFor(() -> metric("crystograph_inference_model_queue_depth") >= CLIENTS / 2
                    && metric("crystograph_graph_queue_depth") == 0 && metric("crystograph_graph_workers_busy") == 0);
        } finally {
            for (Socket s : clients) {
                s.close();
            }
        }

        waitFor(() -> metric("crystograph_inference_predictions_total") - predictedBefore
                + metric("crystograph_inference_cancelled_total") - cancelledBefore >= CLIENTS);
        double predicted = metric("crystograph_inference_predictions_total") - predictedBefore;
        double cancelled = metric("crystograph_inference_cancelled_total") - cancelledBefore;
        assertThat(metric("crystograph_inference_model_queue_depth")).isZero();
        assertThat(cancelled).isGreaterThanOrEqualTo(CLIENTS / 2 - 1.0); // at most one started between look and close
        assertThat(predicted + cancelled).isEqualTo(CLIENTS);
        assertThat(given().contentType("chemical/x-cif").body(PredictionApiTest.NACL_CIF.getBytes(StandardCharsets.UTF_8)).when()
                .post("/v1/predictions").statusCode()).isEqualTo(200);
    }

    private static byte[] rawRequest(String cif) {
        byte[] body = cif.getBytes(StandardCharsets.UTF_8);
        String head = "POST /v1/predictions HTTP/1.1\r\nHost: localhost\r\nContent-Type: chemical/x-cif\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n";
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[h.length + body.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(body, 0, all, h.length, body.length);
        return all;
    }

    /** An n x n x n supercell of rock-salt NaCl as a P1 CIF (8 n^3 sites). */
    static String rockSaltSupercell(int n) {
        double a = 5.64 * n;
        StringBuilder b = new StringBuilder("data_NaCl_supercell\n");
        b.append(String.format(Locale.ROOT, "_cell_length_a %.4f%n_cell_length_b %.4f%n_cell_length_c %.4f%n", a, a, a));
        b.append("_cell_angle_alpha 90\n_cell_angle_beta 90\n_cell_angle_gamma 90\n");
        b.append("_symmetry_space_group_name_H-M 'P 1'\n");
        b.append("loop_\n_atom_site_label\n_atom_site_type_symbol\n_atom_site_fract_x\n_atom_site_fract_y\n"
                + "_atom_site_fract_z\n");
        double[][] basis = {{0, 0, 0}, {0, 0.5, 0.5}, {0.5, 0, 0.5}, {0.5, 0.5, 0}};
        int site = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < n; k++) {
                    for (double[] f : basis) {
                        for (int anion = 0; anion < 2; anion++) {
                            String element = anion == 0 ? "Na" : "Cl";
                            double shift = anion * 0.5;
                            b.append(String.format(Locale.ROOT, "%s%d %s %.6f %.6f %.6f%n", element, site++, element,
                                    (i + f[0] + shift) / n, (j + f[1]) / n, (k + f[2]) / n));
                        }
                    }
                }
            }
        }
        return b.toString();
    }

    /** The sum of a metric's series (one per model), 0 when absent. */
    private static double metric(String name) {
        String text = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*\\})? ([0-9.eE+-]+)$").matcher(text);
        double sum = 0;
        while (m.find()) {
            sum += Double.parseDouble(m.group(2));
        }
        return sum;
    }

    private static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("condition not reached within " + WAIT_MILLIS + " ms");
            }
            Thread.sleep(50);
        }
    }
}
