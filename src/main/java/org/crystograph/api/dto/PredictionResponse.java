package org.crystograph.api.dto;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The answer for one structure.
 *
 * @param structure what was read
 * @param predictions one entry per requested property
 * @param timing where the time went
 */
public record PredictionResponse(
        PredictionStructure structure,
        List<PropertyPrediction> predictions,
        @JsonProperty("timing_ms") Timing timing) {
}
