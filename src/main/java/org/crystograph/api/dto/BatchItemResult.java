package org.crystograph.api.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.crystograph.api.Problem;

/**
 * The outcome of one structure of a batch: predictions, or a problem when this structure failed.
 *
 * @param index position in the request
 * @param id the client identifier, when given
 * @param status HTTP status this structure would have had on its own
 * @param structure what was read (absent on failure)
 * @param predictions the predictions (absent on failure)
 * @param problem what went wrong (absent on success)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BatchItemResult(
        int index,
        String id,
        int status,
        PredictionStructure structure,
        List<PropertyPrediction> predictions,
        Problem problem) {
}
