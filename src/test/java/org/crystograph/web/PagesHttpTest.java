package org.crystograph.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.crystograph.testing.EmbeddedPostgresResource;
import org.junit.jupiter.api.Test;

/** The pages over plain HTTP: status codes, and that nothing is fetched from outside the service. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class PagesHttpTest {

    /** src or href attributes of elements that a browser fetches or follows. */
    private static final Pattern FETCHED = Pattern.compile("(?:src|href)=\"([^\"]*)\"");

    @Test
    void everyPage_referencesOnlyResourcesOfTheService() {
        for (String path : new String[] {"/", "/predict", "/leaderboard"}) {
            String html = given().get(path).then().statusCode(200).contentType(containsString("text/html"))
                    .extract().asString();
            Matcher m = FETCHED.matcher(html);
            int links = 0;
            while (m.find()) {
                links++;
                assertThat(m.group(1)).as("link on " + path).matches("^(/|#).*");
            }
            assertThat(links).isPositive();
        }
    }

    @Test
    void pages_areNotInTheOpenApiDocument() {
        String doc = given().queryParam("format", "json").get("/openapi").then().statusCode(200).extract().asString();
        assertThat(doc).doesNotContain("\"/predict\"").doesNotContain("\"/leaderboard\"")
                .doesNotContain("\"/leaderboard/{task}/{submission}\"").doesNotContain("\"/\":");
    }

    @Test
    void staticScriptAndStylesheet_areServedFromTheJar() {
        given().get("/static/site.css").then().statusCode(200).body(containsString("font"));
        given().get("/static/sortable-tables.js").then().statusCode(200).body(containsString("aria-sort"));
    }

    @Test
    void predict_pastedCif_answers200WithTheSummary() {
        String cif = """
                data_NaCl
                _cell_length_a 5.64
                _cell_length_b 5.64
                _cell_length_c 5.64
                _cell_angle_alpha 90
                _cell_angle_beta 90
                _cell_angle_gamma 90
                _symmetry_space_group_name_H-M 'F m -3 m'
                loop_
                _symmetry_equiv_pos_as_xyz
                x,y,z
                x,y+1/2,z+1/2
                x+1/2,y,z+1/2
                x+1/2,y+1/2,z
                loop_
                _atom_site_label
                _atom_site_type_symbol
                _atom_site_fract_x
                _atom_site_fract_y
                _atom_site_fract_z
                Na1 Na 0 0 0
                Cl1 Cl 0.5 0 0
                """;
        given().multiPart("text", cif).post("/predict").then().statusCode(200)
                .body(containsString("Cl4 Na4"));
    }

    @Test
    void predict_cellInNanometres_showsTheCloseContactWarning() {
        String cif = """
                data_NaCl
                _cell_length_a 0.564
                _cell_length_b 0.564
                _cell_length_c 0.564
                _cell_angle_alpha 90
                _cell_angle_beta 90
                _cell_angle_gamma 90
                loop_
                _atom_site_label
                _atom_site_fract_x
                _atom_site_fract_y
                _atom_site_fract_z
                Na1 0 0 0
                Cl1 0.5 0.5 0.5
                """;
        given().multiPart("text", cif).post("/predict").then().statusCode(200)
                .body(containsString("apart, closer than two atoms can be"));
    }

    @Test
    void predict_garbage_answers422WithTheProblemDetail() {
        given().multiPart("text", "this is not a crystal\n").post("/predict").then().statusCode(422)
                .contentType(containsString("text/html")).body(containsString("cannot recognise the format"));
    }

    @Test
    void predict_unknownFormatName_answers400LikeTheParseEndpoint() {
        given().multiPart("text", "x").multiPart("format", "pdb").post("/predict").then().statusCode(400)
                .body(containsString("format &#39;pdb&#39; is not one of cif"));
    }

    @Test
    void predict_nothingSent_answers400() {
        given().multiPart("text", "").post("/predict").then().statusCode(400);
    }

    @Test
    void submissionPage_unknownTaskOrMalformedId_is404PageWithTheProblem() {
        given().get("/leaderboard/no_such_task/1").then().statusCode(404)
                .contentType(containsString("text/html"))
                .body(containsString("no ranked submission 1 on task no_such_task"));
        given().get("/leaderboard/no_such_task/abc").then().statusCode(404)
                .contentType(containsString("text/html"))
                .body(containsString("no such page on the leaderboard"));
    }
}
