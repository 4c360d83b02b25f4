package org.crystograph.benchmark.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.crystograph.benchmark.store.ModelCardEntity;
import org.crystograph.benchmark.store.TeamEntity;
import org.crystograph.benchmark.submission.ModelCardValidator;
import org.crystograph.benchmark.submission.Violation;

/** Registration and lookup of model cards (spec section 6). */
@ApplicationScoped
public class ModelCardService {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    TeamService teams;

    /**
     * Registers a card for the token's team.
     *
     * @throws BenchmarkException 401 without a valid token, 422 with the violations when the card is invalid
     */
    @Transactional
    public Views.ModelCardView register(String authorization, byte[] body) {
        TeamEntity team = teams.require(authorization);
        JsonNode card;
        try {
            card = JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw BenchmarkException.invalid("invalid-model-card", "model card is not valid JSON: " + e.getMessage());
        }
        List<Violation> violations = ModelCardValidator.validate(card);
        if (!violations.isEmpty()) {
            throw new BenchmarkException(422, "invalid-model-card", "Invalid model card",
                    violations.size() + " model card rule(s) violated", Map.of("errors", violations));
        }
        ModelCardEntity e = new ModelCardEntity();
        e.teamId = team.id;
        e.modelName = card.get("model_name").asText();
        e.modelVersion = card.get("model_version").asText();
        try {
            e.card = JSON.writeValueAsString(card);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
        e.persistAndFlush();
        ModelCardEntity.getEntityManager().refresh(e);
        return view(e, team.name);
    }

    /** A card by id. */
    @Transactional
    public Optional<Views.ModelCardView> find(long id) {
        return ModelCardEntity.<ModelCardEntity>findByIdOptional(id).map(e -> view(e, teams.name(e.teamId)));
    }

    private static Views.ModelCardView view(ModelCardEntity e, String team) {
        return new Views.ModelCardView(e.id, team, e.modelName, e.modelVersion, e.createdAt, e.card);
    }
}
