package org.crystograph.benchmark.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A team; it authenticates with a bearer token of which only the SHA-256 is stored. */
@Entity
@Table(name = "bench_team")
public class TeamEntity extends PanacheEntityBase {

    /** Team id. */
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** Unique team name. */
    public String name;

    /** SHA-256 (hex) of the bearer token. */
    @Column(name = "token_sha256")
    public String tokenSha256;

    /** Creation time. */
    @Column(name = "created_at", insertable = false, updatable = false)
    public OffsetDateTime createdAt;
}
