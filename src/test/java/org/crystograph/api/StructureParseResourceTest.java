package org.crystograph.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.crystograph.testing.EmbeddedPostgresResource;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class StructureParseResourceTest {

    /**
     * The path contains ':' (a custom method in Google API style): sent unencoded, as curl does; numbers compared as
     * doubles.
     */
    private static io.restassured.specification.RequestSpecification request() {
        return given().urlEncodingEnabled(false).config(io.restassured.RestAssured.config()
                .jsonConfig(io.restassured.config.JsonConfig.jsonConfig()
                        .numberReturnType(io.restassured.path.json.config.JsonPathConfig.NumberReturnType.DOUBLE))
                .encoderConfig(io.restassured.config.EncoderConfig.encoderConfig()
                        .encodeContentTypeAs("chemical/x-cif", io.restassured.http.ContentType.TEXT)));
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = StructureParseResourceTest.class.getResourceAsStream("/structures/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void naclCif_sniffed_returnsEightSiteSummary() throws IOException {
        request().body(fixture("nacl_fm-3m.cif")).contentType("text/plain")
                .when().post("/v1/structures:parse")
                .then().statusCode(200)
                .body("$", hasSize(1))
                .body("[0].format", equalTo("cif"))
                .body("[0].block", equalTo("NaCl"))
                .body("[0].nsites", equalTo(8))
                .body("[0].species.Na", equalTo(4.0))
                .body("[0].species.Cl", equalTo(4.0))
                .body("[0].volume", closeTo(179.43, 0.01))
                .body("[0].lattice.a", closeTo(5.6402, 1e-6))
                .body("[0].lattice.matrix", hasSize(3));
    }

    @Test
    void poscar_withFormatQuery_isRead() {
        String poscar = "Na Cl\n1.0\n5.64 0 0\n0 5.64 0\n0 0 5.64\nNa Cl\n1 1\nDirect\n0 0 0\n0.5 0.5 0.5\n";
        request().body(poscar).queryParam("format", "poscar").queryParam("filename", "POSCAR")
                .when().post("/v1/structures:parse")
                .then().statusCode(200)
                .body("[0].file", equalTo("POSCAR"))
                .body("[0].format", equalTo("poscar"))
                .body("[0].nsites", equalTo(2));
    }

    @Test
    void pymatgenJson_byContentType_isRead() {
        String json = """
                {"@module": "pymatgen.core.structure", "@class": "Structure",
                 "lattice": {"matrix": [[4.0, 0, 0], [0, 4.0, 0], [0, 0, 4.0]]},
                 "sites": [{"species": [{"element": "Cs", "occu": 1}], "abc": [0, 0, 0], "xyz": [0, 0, 0]},
                           {"species": [{"element": "Cl", "occu": 1}], "abc": [0.5, 0.5, 0.5], "xyz": [2, 2, 2]}]}
                """;
        request().body(json).contentType("application/json")
                .when().post("/v1/structures:parse")
                .then().statusCode(200)
                .body("[0].format", equalTo("pymatgen-json"))
                .body("[0].nsites", equalTo(2))
                .body("[0].volume", closeTo(64.0, 1e-9));
    }

    @Test
    void truncatedLoop_is422ProblemNamingTheLine() {
        String cif = "data_bad\n_cell_length_a 4\n_cell_length_b 4\n_cell_length_c 4\n_cell_angle_alpha 90\n"
                + "_cell_angle_beta 90\n_cell_angle_gamma 90\nloop_\n_atom_site_label\n_atom_site_fract_x\n"
                + "_atom_site_fract_y\n_atom_site_fract_z\nNa1 0 0 0\nCl1 0.5 0.5\n";
        request().body(cif).contentType("chemical/x-cif")
                .when().post("/v1/structures:parse")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("status", equalTo(422))
                .body("format", equalTo("cif"))
                .body("line", equalTo(8))
                .body("detail", containsString("truncated loop"));
    }

    @Test
    void emptyBody_is422() {
        request().body(new byte[0]).contentType("text/plain")
                .when().post("/v1/structures:parse")
                .then().statusCode(422).contentType("application/problem+json");
    }

    @Test
    void unknownFormatName_is400() {
        request().body("x").queryParam("format", "pdb")
                .when().post("/v1/structures:parse")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("pdb"));
    }
}
