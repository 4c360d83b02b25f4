package org.crystograph.api.dto;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Where the time of one structure went, in milliseconds.
 *
 * @param parse reading the input
 * @param graph building the graph
 * @param model waiting in the queue and running the model (all selected models)
 * @param total the whole request on the server
 */
public record Timing(
        @JsonProperty("parse") double parseMs,
        @JsonProperty("graph") double graphMs,
        @JsonProperty("model") double modelMs,
        @JsonProperty("total") double totalMs) {
}
