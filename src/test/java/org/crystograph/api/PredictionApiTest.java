package org.crystograph.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.crystograph.testing.ServingModels;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint and error class of the prediction API on the running service, with real models: the test resource
 * {@link ServingModels} writes freshly initialised small CrysToGraph checkpoints (an ensemble of two and a single
 * one; untrained, so the values are not physical) and the service loads them like any model directory.
 */
@QuarkusTest
@QuarkusTestResource(ServingModels.class)
class PredictionApiTest {

    /** Float32 forward passes of one structure agree to this, whatever the batch around it. */
    private static final float SAME_PREDICTION = 1e-4f;

    static String resource(String path) {
        try (InputStream in = PredictionApiTest.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static final String NACL_CIF = resource("/structures/nacl_fm-3m.cif");
    static final String SRTIO3_POSCAR = resource("/service/SrTiO3_POSCAR");
    static final String BATIO3_OPTIMADE = resource("/service/BaTiO3_optimade.json");
    static final String BAD_CIF = resource("/service/bad_cell_length.cif");

    /** SrTiO3 as a P1 CIF: the same cell and sites as the POSCAR fixture. */
    static final String SRTIO3_CIF = """
            data_SrTiO3
            _symmetry_space_group_name_H-M   'P 1'
            _cell_length_a   3.905
            _cell_length_b   3.905
            _cell_length_c   3.905
            _cell_angle_alpha   90
            _cell_angle_beta   90
            _cell_angle_gamma   90
            loop_
             _atom_site_label
             _atom_site_type_symbol
             _atom_site_fract_x
             _atom_site_fract_y
             _atom_site_fract_z
              Sr1 Sr 0.0 0.0 0.0
              Ti1 Ti 0.5 0.5 0.5
              O1 O 0.5 0.5 0.0
              O2 O 0.5 0.0 0.5
              O3 O 0.0 0.5 0.5
            """;

    // ---- POST /v1/predictions: every input form ----

    @Test
    void naclCif_rawBody_givesEnsemblePredictionWithUnitUncertaintyAndCheckpointHash() {
        String sha = given().when().get("/v1/models/" + ServingModels.ENSEMBLE).then().statusCode(200)
                .extract().path("checkpoint_sha256");
        given().contentType("chemical/x-cif").body(NACL_CIF.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when().post("/v1/predictions")
                .then().statusCode(200)
                .body("structure.formula", equalTo("Na4 Cl4"))
                .body("structure.nsites", equalTo(8))
                .body("predictions[0].property", equalTo(ServingModels.PROPERTY))
                .body("predictions[0].unit", equalTo(ServingModels.UNIT))
                .body("predictions[0].model", equalTo(ServingModels.ENSEMBLE))
                .body("predictions[0].checkpoint_sha256", equalTo(sha))
                .body("predictions[0].value", notNullValue())
                .body("predictions[0].uncertainty", greaterThan(0f))
                .body("timing_ms.total", greaterThan(0f));
    }

    @Test
    void naclCif_withItsCellInNanometres_isPredictedWithACloseContactWarning() {
        String nanometres = NACL_CIF.replace("5.6402", "0.56402");
        given().contentType("chemical/x-cif").body(nanometres.getBytes(StandardCharsets.UTF_8))
                .when().post("/v1/predictions")
                .then().statusCode(200)
                .body("structure.warnings", hasItem(containsString("0.282 A apart, closer than two atoms can be")));
        given().contentType("chemical/x-cif").body(NACL_CIF.getBytes(StandardCharsets.UTF_8))
                .when().post("/v1/predictions")
                .then().statusCode(200)
                .body("structure.warnings.findAll { it.contains('apart') }", org.hamcrest.Matchers.empty());
    }

    @Test
    void structureOutsideTheModelsTrainingData_isPredictedWithAWarningNamingTheModel() {
        given().contentType("chemical/x-cif").body(NACL_CIF.getBytes(StandardCharsets.UTF_8))
                .when().post("/v1/predictions?model=" + ServingModels.ENSEMBLE)
                .then().statusCode(200)
                .body("structure.warnings", hasItem("outside the training data of model '" + ServingModels.ENSEMBLE
                        + "' (10 structures): Na, Cl never occur in it; 8 sites, it has 5"));
        given().contentType("chemical/x-vasp").body(SRTIO3_POSCAR.getBytes(StandardCharsets.UTF_8))
                .when().post("/v1/predictions?model=" + ServingModels.ENSEMBLE)
                .then().statusCode(200)
                .body("structure.warnings.findAll { it.contains('training data') }", org.hamcrest.Matchers.empty());
    }

    @Test
    void srtio3Poscar_rawBody_isReadAsPoscar() {
        given().contentType("chemical/x-vasp").body(SRTIO3_POSCAR.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when().post("/v1/predictions")
                .then().statusCode(200)
                .body("structure.formula", equalTo("Sr1 Ti1 O3"))
                .body("structure.nsites", equalTo(5));
    }

    @Test
    void batio3Optimade_rawBody_isReadAsOptimade() {
        given().contentType("application/vnd.optimade+json").body(BATIO3_OPTIMADE.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when().post("/v1/predictions")
                .then().statusCode(200)
                .body("structure.formula", equalTo("Ba1 Ti1 O3"))
                .body("predictions", org.hamcrest.Matchers.hasSize(1));
    }

    @Test
    void jsonEnvelope_withTextWithObjectAndWithoutFormat_allPredict() {
        given().contentType("application/json").body(Map.of("format", "poscar", "structure", SRTIO3_POSCAR))
                .when().post("/v1/predictions").then().statusCode(200).body("structure.nsites", equalTo(5));
        Object optimade = JsonPath.from(BATIO3_OPTIMADE).get();
        given().contentType("application/json").body(Map.of("format", "optimade", "structure", optimade))
                .when().post("/v1/predictions").then().statusCode(200).body("structure.nsites", equalTo(5));
        given().contentType("application/json").body(Map.of("structure", NACL_CIF))
                .when().post("/v1/predictions").then().statusCode(200).body("structure.nsites", equalTo(8));
    }

    @Test
    void multipartUpload_takesFormatFromFileName() {
        given().multiPart("file", "POSCAR", SRTIO3_POSCAR.getBytes(StandardCharsets.UTF_8), "application/octet-stream")
                .when().post("/v1/predictions")
                .then().statusCode(200)
                .body("structure.nsites", equalTo(5));
    }

    @Test
    void sameCrystal_asCifAndAsPoscar_getsTheSamePrediction() {
        float fromCif = given().contentType("chemical/x-cif").body(SRTIO3_CIF.getBytes(java.nio.charset.StandardCharsets.UTF_8)).when().post("/v1/predictions")
                .then().statusCode(200).extract().path("predictions[0].value");
        float fromPoscar = given().contentType("chemical/x-vasp").body(SRTIO3_POSCAR.getBytes(java.nio.charset.StandardCharsets.UTF_8)).when().post("/v1/predictions")
                .then().statusCode(200).extract().path("predictions[0].value");
        assertThat(fromCif).isCloseTo(fromPoscar, org.assertj.core.data.Offset.offset(SAME_PREDICTION));
    }

    @Test
    void concurrentRequests_areBatched_andEachGetsItsOwnAnswer() throws Exception {
        float nacl = value(NACL_CIF);
        float srtio3 = value(SRTIO3_CIF);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Float>> answers = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                String body = i % 2 == 0 ? NACL_CIF : SRTIO3_CIF;
                answers.add(pool.submit((Callable<Float>) () -> value(body)));
            }
            for (int i = 0; i < answers.size(); i++) {
                float want = i % 2 == 0 ? nacl : srtio3;
                assertThat(answers.get(i).get(60, TimeUnit.SECONDS))
                        .isCloseTo(want, org.assertj.core.data.Offset.offset(SAME_PREDICTION));
            }
        } finally {
            pool.shutdownNow();
        }
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        // some batch held more than one structure: the batch-size maximum is above 1
        double maxBatch = metrics.lines()
                .filter(l -> l.startsWith("crystograph_inference_batch_size_max{")
                        && l.contains("model=\"" + ServingModels.ENSEMBLE + "\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).max().orElse(0);
        assertThat(maxBatch).isGreaterThan(1);
    }

    private static float value(String cif) {
        return given().contentType("chemical/x-cif").body(cif.getBytes(java.nio.charset.StandardCharsets.UTF_8)).when().post("/v1/predictions")
                .then().statusCode(200).extract().path("predictions[0].value");
    }

    // ---- selectors ----

    @Test
    void modelSelector_singleCheckpointModel_hasNoUncertainty() {
        given().contentType("chemical/x-cif").body(NACL_CIF.getBytes(java.nio.charset.StandardCharsets.UTF_8)).queryParam("model", ServingModels.SINGLE)
                .when().post("/v1/predictions")
                .then().statusCode(200)
                .body("predictions[0].model", equalTo(ServingModels.SINGLE))
                .body("predictions[0].uncertainty", nullValue());
    }

    @Test
    void unknownModel_is400Problem() {
        given().contentType("chemical/x-cif").body(NACL_CIF.getBytes(java.nio.charset.StandardCharsets.UTF_8)).queryParam("model", "no-such-model")
                .when().post("/v1/predictions")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("/problems/unknown-model"))
                .body("models", hasItem(ServingModels.ENSEMBLE));
    }

    @Test
    void propertiesSelector_knownPropertyPredicts_unknownPropertyIs400Problem() {
        given().contentType("chemical/x-cif").body(NACL_CIF.getBytes(java.nio.charset.StandardCharsets.UTF_8)).queryParam("properties", ServingModels.PROPERTY)
                .when().post("/v1/predictions")
                .then().statusCode(200).body("predictions[0].property", equalTo(ServingModels.PROPERTY));
        given().contentType("chemical/x-cif").body(NACL_CIF.getBytes(java.nio.charset.StandardCharsets.UTF_8)).queryParam("properties", "band_gap")
                .when().post("/v1/predictions")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("/problems/unknown-property"))
                .body("properties", hasItem(ServingModels.PROPERTY));
    }

    // ---- error classes ----

    @Test
    void invalidCif_is422WithLineAndField() {
        given().contentType("chemical/x-cif").body(BAD_CIF.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when().post("/v1/predictions")
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("/problems/invalid-structure"))
                .body("format", equalTo("cif"))
                .body("line", equalTo(4))
                .body("detail", containsString("_cell_length_b"));
    }

    @Test
    void garbageText_is422NotServerError() {
        given().contentType("chemical/x-cif").body("this is not a crystal\n".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when().post("/v1/predictions")
                .then().statusCode(422).contentType("application/problem+json");
        given().contentType("application/json").body(Map.of("structure", "nothing to see"))
                .when().post("/v1/predictions")
                .then().statusCode(422).contentType("application/problem+json");
    }

    @Test
    void unknownContentType_is415Problem() {
        given().contentType("text/plain").body(NACL_CIF.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when().post("/v1/predictions")
                .then().statusCode(415).contentType("application/problem+json");
    }

    @Test
    void unknownFormatName_is415Problem() {
        given().contentType("application/json").body(Map.of("format", "pdb", "structure", NACL_CIF))
                .when().post("/v1/predictions")
                .then().statusCode(415).contentType("application/problem+json")
                .body("type", equalTo("/problems/unknown-format"))
                .body("formats", hasItem("cif"));
    }

    @Test
    void malformedJson_is400Problem() {
        given().contentType("application/json").body("{\"format\": \"cif\", \"structure\": ")
                .when().post("/v1/predictions")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void malformedJson_problemNamesWhereTheJsonBreaks() {
        given().contentType("application/json").body("{\"format\": \"cif\",\n \"structure\": ")
                .when().post("/v1/predictions")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("/problems/malformed-json"))
                .body("line", equalTo(2));
    }

    @Test
    void jsonOfTheWrongShape_is400ProblemNamingTheField() {
        given().contentType("application/json").body("[1, 2, 3]")
                .when().post("/v1/predictions")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("/problems/malformed-json"));
        given().urlEncodingEnabled(false).contentType("application/json").body("{\"structures\": 5}")
                .when().post("/v1/predictions:batch")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("/problems/malformed-json"))
                .body("field", equalTo("structures"));
    }

    @Test
    void malformedMultipartBody_is400Problem() {
        given().contentType("multipart/form-data; boundary=zz").body("not a multipart body".getBytes(StandardCharsets.UTF_8))
                .when().post("/v1/predictions")
                .then().statusCode(400).contentType("application/problem+json");
    }

    /** NaCl as a legacy ISO-8859-1 CIF: a comment naming the author with an e-acute, byte 0xE9, invalid as UTF-8. */
    static final byte[] LATIN1_CIF = ("# author: Ren\u00e9 Ha\u00fcy\n" + NACL_CIF).getBytes(StandardCharsets.ISO_8859_1);

    /** Bytes that are no text in any encoding: UTF-8 lead bytes without continuation, NUL and control bytes. */
    static final byte[] BINARY = {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE, 0x00, 0x01, 0x02, (byte) 0xA0,
        (byte) 0xE2, (byte) 0x82, 0x1B, 0x7F, (byte) 0x80, 0x00, (byte) 0xF0, 0x28};

    @Test
    void multipartUpload_ofLegacyLatin1Cif_isReadAsTheStructureReaderReadsFiles() {
        given().multiPart("file", "nacl.cif", LATIN1_CIF, "application/octet-stream")
                .when().post("/v1/predictions")
                .then().statusCode(200)
                .body("structure.nsites", equalTo(8));
    }

    @Test
    void multipartUpload_ofBinaryBytes_is422ProblemNotServerError() {
        given().multiPart("file", "nacl.cif", BINARY, "application/octet-stream")
                .when().post("/v1/predictions")
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("/problems/invalid-structure"))
                .body("detail", containsString("binary"));
    }

    @Test
    void rawBody_ofLegacyLatin1Cif_isRead_andOfBinaryBytesIs422Problem() {
        given().contentType("chemical/x-cif").body(LATIN1_CIF)
                .when().post("/v1/predictions")
                .then().statusCode(200)
                .body("structure.nsites", equalTo(8));
        given().contentType("chemical/x-vasp").body(BINARY)
                .when().post("/v1/predictions")
                .then().statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("binary"));
    }

    @Test
    void jsonBodies_withBytesThatAreNotUtf8_are400Problems() {
        byte[] notUtf8 = {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE, (byte) 0xA0}; // no control bytes
        byte[] envelope = concat("{\"format\": \"cif\", \"structure\": \"".getBytes(StandardCharsets.US_ASCII),
                notUtf8, "\"}".getBytes(StandardCharsets.US_ASCII));
        given().contentType("application/json").body(envelope)
                .when().post("/v1/predictions")
                .then().statusCode(400).contentType("application/problem+json");
        byte[] batch = concat("{\"structures\": [{\"structure\": \"".getBytes(StandardCharsets.US_ASCII), notUtf8,
                "\"}]}".getBytes(StandardCharsets.US_ASCII));
        given().urlEncodingEnabled(false).contentType("application/json").body(batch)
                .when().post("/v1/predictions:batch")
                .then().statusCode(400).contentType("application/problem+json");
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    void bodyAbove20MiB_is413Problem() {
        byte[] big = new byte[20 * 1024 * 1024 + 1];
        java.util.Arrays.fill(big, (byte) ' ');
        given().contentType("chemical/x-cif").body(big)
                .when().post("/v1/predictions")
                .then().statusCode(413).contentType("application/problem+json")
                .body("limit_bytes", equalTo(20 * 1024 * 1024));
    }

    @Test
    void multipartWithoutFile_is400Problem() {
        given().multiPart("format", "cif")
                .when().post("/v1/predictions")
                .then().statusCode(400).contentType("application/problem+json");
    }

    // ---- POST /v1/predictions:batch ----

    @Test
    void batch_oneBadFileDoesNotFailTheOthers() {
        List<Map<String, Object>> items = List.of(
                Map.of("id", "nacl", "format", "cif", "structure", NACL_CIF),
                Map.of("id", "broken", "format", "cif", "structure", BAD_CIF),
                Map.of("id", "pdb", "format", "pdb", "structure", "ATOM"),
                Map.of("id", "srtio3", "structure", SRTIO3_POSCAR));
        given().urlEncodingEnabled(false).contentType("application/json").body(Map.of("structures", items))
                .when().post("/v1/predictions:batch")
                .then().statusCode(200)
                .body("succeeded", equalTo(2))
                .body("failed", equalTo(2))
                .body("results[0].id", equalTo("nacl"))
                .body("results[0].status", equalTo(200))
                .body("results[0].structure.nsites", equalTo(8))
                .body("results[0].predictions[0].property", equalTo(ServingModels.PROPERTY))
                .body("results[1].status", equalTo(422))
                .body("results[1].problem.line", equalTo(4))
                .body("results[1].predictions", nullValue())
                .body("results[2].status", equalTo(415))
                .body("results[2].problem.type", equalTo("/problems/unknown-format"))
                .body("results[3].index", equalTo(3))
                .body("results[3].structure.nsites", equalTo(5));
    }

    @Test
    void batch_matchesSinglePredictions() {
        float single = value(NACL_CIF);
        float batched = given().urlEncodingEnabled(false).contentType("application/json")
                .body(Map.of("structures", List.of(Map.of("structure", SRTIO3_CIF), Map.of("structure", NACL_CIF))))
                .when().post("/v1/predictions:batch")
                .then().statusCode(200).extract().path("results[1].predictions[0].value");
        assertThat(batched).isCloseTo(single, org.assertj.core.data.Offset.offset(SAME_PREDICTION));
    }

    @Test
    void batch_above256Structures_is413Problem() {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < 257; i++) {
            items.add(Map.of("format", "cif", "structure", "x"));
        }
        given().urlEncodingEnabled(false).contentType("application/json").body(Map.of("structures", items))
                .when().post("/v1/predictions:batch")
                .then().statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("/problems/too-many-structures"))
                .body("limit", equalTo(256));
    }

    @Test
    void batch_withoutStructures_is400Problem() {
        given().urlEncodingEnabled(false).contentType("application/json").body(Map.of())
                .when().post("/v1/predictions:batch")
                .then().statusCode(400).contentType("application/problem+json");
    }

    // ---- GET /v1/models ----

    @Test
    void models_listCardsWithTasksCheckpointsAndUncertaintyMethod() {
        given().when().get("/v1/models")
                .then().statusCode(200)
                .body("default_model", equalTo(ServingModels.ENSEMBLE))
                .body("models.name", hasItem(ServingModels.SINGLE))
                .body("models.find { it.name == '" + ServingModels.ENSEMBLE + "' }.checkpoints.size()", equalTo(2))
                .body("models.find { it.name == '" + ServingModels.ENSEMBLE + "' }.uncertainty", startsWith("ensemble"))
                .body("models.find { it.name == '" + ServingModels.ENSEMBLE + "' }.tasks[0].unit",
                        equalTo(ServingModels.UNIT))
                .body("models.find { it.name == '" + ServingModels.SINGLE + "' }.checkpoints[0].sha256",
                        org.hamcrest.Matchers.matchesPattern("[0-9a-f]{64}"))
                .body("models.find { it.name == '" + ServingModels.ENSEMBLE + "' }.training_domain.max_sites",
                        equalTo(5))
                .body("models.find { it.name == '" + ServingModels.SINGLE + "' }.training_domain", nullValue());
    }

    @Test
    void unknownModelCard_is404Problem() {
        given().when().get("/v1/models/no-such-model")
                .then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("/problems/unknown-model"));
    }

    // ---- health and metrics ----

    @Test
    void readiness_reportsWarmModels() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("checks.find { it.name == 'models' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'models' }.data.default", equalTo(ServingModels.ENSEMBLE));
    }

    @Test
    void metrics_exportQueueDepthLatencyBatchSizeAtomsAndPredictionsByModel() {
        value(NACL_CIF);
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics)
                .containsPattern("(?m)^crystograph_inference_queue_depth(\\{\\})? 0\\.0$")
                .contains("crystograph_inference_latency_seconds_bucket{")
                .contains("crystograph_prediction_request_seconds_bucket{")
                .contains("crystograph_inference_batch_size_count{")
                .contains("crystograph_inference_atoms_total{")
                .contains("crystograph_inference_atoms_per_second_count{")
                .containsPattern("crystograph_inference_predictions_total\\{model=\"" + ServingModels.ENSEMBLE + "\"");
    }
}
