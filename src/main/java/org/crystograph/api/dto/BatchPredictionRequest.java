package org.crystograph.api.dto;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A batch of structures to predict, each answered on its own.
 *
 * @param structures the structures, at most {@code crystograph.serving.max-structures-per-request}
 */
@Schema(description = "Structures to predict; each gets its own result or problem.")
public record BatchPredictionRequest(@Schema(required = true) List<StructureInput> structures) {
}
