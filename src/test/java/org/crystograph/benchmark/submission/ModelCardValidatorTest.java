package org.crystograph.benchmark.submission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class ModelCardValidatorTest {

    private static ObjectNode card() throws IOException {
        try (InputStream in = ModelCardValidatorTest.class.getResourceAsStream("/benchmark/model-card.json")) {
            return (ObjectNode) new ObjectMapper().readTree(in);
        }
    }

    @Test
    void completeCard_isValid() throws IOException {
        assertThat(ModelCardValidator.validate(card())).isEmpty();
    }

    @Test
    void shouldRejectUnknownKeys() throws IOException {
        ObjectNode c = card();
        c.put("secret_sauce", "yes");
        assertThat(ModelCardValidator.validate(c)).singleElement()
                .satisfies(v -> assertThat(v.ids()).containsExactly("secret_sauce"));
    }

    @Test
    void shouldListMissingRequiredFieldsAndBadValues() throws IOException {
        ObjectNode c = card();
        c.remove("repo_url");
        c.remove("hardware");
        c.put("openness", "OPEN");
        c.put("model_params", -3);
        c.put("checkpoint_sha256", "xyz");
        var v = ModelCardValidator.validate(c);
        assertThat(v).flatExtracting(Violation::ids)
                .containsExactlyInAnyOrder("repo_url", "hardware", "openness", "model_params", "checkpoint_sha256");
    }
}
