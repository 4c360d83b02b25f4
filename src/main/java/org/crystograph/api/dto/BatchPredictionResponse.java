package org.crystograph.api.dto;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The answer to a batch: one result per structure, in request order.
 *
 * @param results per-structure results or problems
 * @param succeeded number of structures predicted
 * @param failed number of structures with a problem
 * @param totalMs the whole request on the server, milliseconds
 */
public record BatchPredictionResponse(
        List<BatchItemResult> results,
        int succeeded,
        int failed,
        @JsonProperty("total_ms") double totalMs) {
}
