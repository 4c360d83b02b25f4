package org.crystograph.benchmark.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One entry of the append-only submission log (every attempt, accepted or not). */
@Entity
@Table(name = "bench_submission")
public class SubmissionEntity extends PanacheEntityBase {

    /** Outcome: scored. */
    public static final String ACCEPTED = "accepted";
    /** Outcome: failed validation. */
    public static final String REJECTED = "rejected";
    /** Outcome: refused by a quota. */
    public static final String RATE_LIMITED = "rate_limited";

    /** Submission id. */
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** Submitting team. */
    @Column(name = "team_id")
    public Long teamId;

    /** Optional user name within the team. */
    @Column(name = "submitted_by")
    public String submittedBy;

    /** Task key as given (also unknown keys are logged). */
    @Column(name = "task_key")
    public String taskKey;

    /** {@code cv} or {@code hidden}; null if unreadable. */
    public String track;

    /** Referenced model card, if it exists. */
    @Column(name = "model_card_id")
    public Long modelCardId;

    /** Arrival time (database clock). */
    @Column(name = "created_at", insertable = false, updatable = false)
    public OffsetDateTime createdAt;

    /** Client-chosen idempotency key, unique per team. */
    @Column(name = "idempotency_key")
    public String idempotencyKey;

    /** Content type of the upload. */
    @Column(name = "content_type")
    public String contentType;

    /** The raw payload (null when over the size cap). */
    public byte[] payload;

    /** SHA-256 (hex) of the raw payload. */
    @Column(name = "payload_sha256")
    public String payloadSha256;

    /** Size of the upload in bytes (at least the cap + 1 when over it). */
    @Column(name = "payload_bytes")
    public long payloadBytes;

    /** {@link #ACCEPTED}, {@link #REJECTED} or {@link #RATE_LIMITED}. */
    public String outcome;

    /** HTTP status answered. */
    @Column(name = "http_status")
    public int httpStatus;

    /** Violations as JSON (rejected) or the limit reached (rate limited). */
    @JdbcTypeCode(SqlTypes.JSON)
    public String errors;

    /** Hidden from the boards but kept. */
    public boolean withdrawn;
}
