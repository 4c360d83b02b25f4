package org.crystograph.api.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One predicted property.
 *
 * @param property property name
 * @param value predicted value (ensemble mean for an ensemble)
 * @param unit unit of value and uncertainty
 * @param uncertainty ensemble standard deviation, null for a single checkpoint
 * @param model model that predicted it
 * @param checkpointSha256 the model's checkpoint identity (see the model card)
 */
public record PropertyPrediction(
        String property,
        double value,
        String unit,
        @JsonInclude(JsonInclude.Include.ALWAYS)
        @Schema(nullable = true, description = "Ensemble standard deviation; null for a single checkpoint.")
        Double uncertainty,
        String model,
        @JsonProperty("checkpoint_sha256") String checkpointSha256) {
}
