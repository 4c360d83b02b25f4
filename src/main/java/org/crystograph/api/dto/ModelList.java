package org.crystograph.api.dto;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.crystograph.inference.ModelCard;

/**
 * The served models.
 *
 * @param defaultModel name of the model used when a request names none (null while none is loaded)
 * @param models the model cards
 */
public record ModelList(@JsonProperty("default_model") String defaultModel, List<ModelCard> models) {
}
