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

/** A registered model card version (spec section 6). */
@Entity
@Table(name = "bench_model_card")
public class ModelCardEntity extends PanacheEntityBase {

    /** Card id, referenced by submissions. */
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** Owning team. */
    @Column(name = "team_id")
    public Long teamId;

    /** {@code model_name} of the card. */
    @Column(name = "model_name")
    public String modelName;

    /** {@code model_version} of the card. */
    @Column(name = "model_version")
    public String modelVersion;

    /** The validated card as JSON. */
    @JdbcTypeCode(SqlTypes.JSON)
    public String card;

    /** Registration time. */
    @Column(name = "created_at", insertable = false, updatable = false)
    public OffsetDateTime createdAt;
}
