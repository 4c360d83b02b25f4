package org.crystograph.api;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.http.HttpServerResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Turns a pending answer into what an endpoint returns. Quarkus REST cancels a returned {@link Uni} when the client
 * closes its connection before the answer is ready; the cancellation reaches the answer, which withdraws the work
 * still queued for it (see {@link PredictionService#predictAsync}). A connection closed before the endpoint returned
 * (while the structure was read and its graph built) cancels the answer at once.
 */
final class Answers {

    private Answers() {
    }

    /**
     * The answer as a {@link Uni} whose cancellation cancels the answer; failures arrive unwrapped. The answer
     * completes on an inference worker's thread; writing the response moves to the worker pool, so that the inference
     * threads go straight back to the model.
     */
    static <T> Uni<T> cancellable(CompletableFuture<T> answer, HttpServerResponse response) {
        if (response.closed()) {
            // the client left while its structure was being read: Quarkus REST would register its close handler
            // on a connection already closed, and nothing would cancel the queued work
            answer.cancel(false);
        }
        return Uni.createFrom().completionStage(answer)
                .onFailure(CompletionException.class).transform(Throwable::getCause)
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .onCancellation().invoke(() -> answer.cancel(false));
    }
}
