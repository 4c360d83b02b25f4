package org.crystograph.api;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Operation;

/**
 * Documents the 503 of {@link DatabaseOutageMapper} on every operation of the benchmark (the operations tagged
 * {@value #BENCHMARK_TAG}, the only ones that use the database), so that no resource has to repeat it. Registered
 * with {@code mp.openapi.filter} in {@code application.properties}.
 */
public class DatabaseUnavailableResponses implements OASFilter {

    /** The tag of the benchmark's resources. */
    static final String BENCHMARK_TAG = "benchmark";
    private static final String STATUS = "503";

    @Override
    public Operation filterOperation(Operation operation) {
        if (operation.getTags() != null && operation.getTags().contains(BENCHMARK_TAG)
                && operation.getResponses() != null && !operation.getResponses().hasAPIResponse(STATUS)) {
            operation.getResponses().addAPIResponse(STATUS, OASFactory.createAPIResponse()
                    .ref(ApiDocument.DATABASE_UNAVAILABLE));
        }
        return operation;
    }
}
