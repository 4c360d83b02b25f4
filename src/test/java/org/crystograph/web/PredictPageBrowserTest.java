package org.crystograph.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.crystograph.testing.EmbeddedPostgresResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** The home and predict pages in headless Chromium against the running service. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class PredictPageBrowserTest {

    private static Browser browser;

    @TestHTTPResource("/")
    URL root;

    @TempDir
    Path temp;

    @BeforeAll
    static void start() {
        browser = Browser.startIfInstalled();
    }

    @BeforeEach
    void requireBrowser() {
        Browser.assumeAvailable(browser);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void home_linksToSwaggerUiAndThePages() {
        WebDriver d = browser.driver();
        d.get(root.toString());
        assertThat(d.getTitle()).contains("crystograph");
        assertThat(d.findElement(By.cssSelector("a[href='/q/swagger-ui/']")).isDisplayed()).isTrue();
        assertThat(d.findElements(By.cssSelector("main a[href='/leaderboard']"))).isNotEmpty();
        assertThat(d.findElements(By.cssSelector("main a[href='/predict']"))).isNotEmpty();
        browser.screenshot("home");
        d.findElement(By.cssSelector("a[href='/q/swagger-ui/']")).click();
        browser.awaitUrlEndingWith("/q/swagger-ui/");
    }

    @Test
    void predict_naclCifUpload_showsEightSitesAndFormula() throws Exception {
        Path cif = temp.resolve("nacl_fm-3m.cif");
        try (var in = getClass().getResourceAsStream("/structures/nacl_fm-3m.cif")) {
            Files.copy(in, cif);
        }
        WebDriver d = browser.driver();
        d.get(root + "predict");
        d.findElement(By.id("structure-file")).sendKeys(cif.toAbsolutePath().toString());
        d.findElement(By.id("predict-submit")).click();
        WebElement result = browser.await(By.id("result"));
        assertThat(result.findElement(By.cssSelector(".formula")).getText()).isEqualTo("Cl4 Na4");
        assertThat(result.findElement(By.cssSelector(".sites")).getText()).isEqualTo("8");
        assertThat(result.getText()).contains("nacl_fm-3m.cif").contains("5.64");
        assertThat(d.findElements(By.id("problem"))).isEmpty();
        // the same prediction service as POST /v1/predictions answers: a finite value per property
        List<WebElement> values = d.findElements(By.cssSelector("table.predictions td.value"));
        assertThat(values).as(d.findElement(By.id("predictions")).getText()).isNotEmpty();
        for (WebElement v : values) {
            assertThat(Double.parseDouble(v.getText())).isFinite();
        }
        browser.screenshot("predict-nacl");
    }

    @Test
    void predict_pastedPoscar_withKeyboardOnly_isRead() {
        WebDriver d = browser.driver();
        d.get(root + "predict");
        WebElement text = d.findElement(By.id("structure-text"));
        text.sendKeys("Si diamond\n1.0\n0 2.715 2.715\n2.715 0 2.715\n2.715 2.715 0\nSi\n2\nDirect\n"
                + "0 0 0\n0.25 0.25 0.25\n");
        new Select(d.findElement(By.id("structure-format"))).selectByValue("poscar");
        // submit with the keyboard: focus the button and press Enter
        d.findElement(By.id("predict-submit")).sendKeys(Keys.ENTER);
        WebElement result = browser.await(By.id("result"));
        assertThat(result.findElement(By.cssSelector(".formula")).getText()).isEqualTo("Si2");
        assertThat(result.findElement(By.cssSelector(".sites")).getText()).isEqualTo("2");
        // the form keeps what was sent
        assertThat(new Select(d.findElement(By.id("structure-format"))).getFirstSelectedOption().getText())
                .isEqualTo("poscar");
    }

    @Test
    void predict_brokenCif_showsTheProblemDetailWithItsLine() throws Exception {
        Path broken = temp.resolve("broken.cif");
        Files.writeString(broken, """
                data_broken
                _cell_length_a 5.64
                _cell_length_b 5.64
                _cell_length_c abc
                _cell_angle_alpha 90
                _cell_angle_beta 90
                _cell_angle_gamma 90
                loop_
                _atom_site_label
                _atom_site_type_symbol
                _atom_site_fract_x
                _atom_site_fract_y
                _atom_site_fract_z
                Na1 Na 0 0 0
                """);
        WebDriver d = browser.driver();
        d.get(root + "predict");
        d.findElement(By.id("structure-file")).sendKeys(broken.toAbsolutePath().toString());
        d.findElement(By.id("predict-submit")).click();
        WebElement problem = browser.await(By.id("problem"));
        assertThat(problem.getAttribute("role")).isEqualTo("alert");
        assertThat(problem.findElement(By.id("problem-title")).getText()).isEqualTo("Invalid structure");
        String detail = problem.findElement(By.id("problem-detail")).getText();
        assertThat(detail).startsWith("cif line 4").contains("_cell_length_c").contains("abc");
        assertThat(problem.findElement(By.cssSelector(".problem-line")).getText()).isEqualTo("4");
        assertThat(d.findElements(By.id("result"))).isEmpty();
        browser.screenshot("predict-broken-cif");
    }

    @Test
    void predict_nothingChosen_explainsWhatIsMissing() {
        WebDriver d = browser.driver();
        d.get(root + "predict");
        d.findElement(By.id("predict-submit")).click();
        assertThat(browser.await(By.id("problem-detail")).getText()).contains("choose a structure file");
    }
}
