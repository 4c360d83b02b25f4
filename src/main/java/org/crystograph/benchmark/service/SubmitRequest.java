package org.crystograph.benchmark.service;

/**
 * A submission attempt as received at the edge.
 *
 * @param taskKey task key from the path
 * @param authorization Authorization header (team bearer token)
 * @param contentType Content-Type header ({@code application/json} or {@code text/csv})
 * @param body raw upload, at most the cap + 1 bytes (truncated when over the cap)
 * @param overLimit whether the upload exceeded the byte cap
 * @param idempotencyKey Idempotency-Key header, or null
 * @param submittedBy optional user within the team (header {@code X-Submitter})
 * @param track track query parameter (CSV uploads), or null
 * @param modelCardId model card query parameter (CSV uploads), or null
 */
public record SubmitRequest(String taskKey, String authorization, String contentType, byte[] body,
        boolean overLimit, String idempotencyKey, String submittedBy, String track, Long modelCardId) {
}
