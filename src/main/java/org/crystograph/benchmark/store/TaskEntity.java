package org.crystograph.benchmark.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A catalogue task as stored: its definition, availability and the hashes of its data and public split. */
@Entity
@Table(name = "bench_task")
public class TaskEntity extends PanacheEntityBase {

    /** Task key. */
    @Id
    public String key;

    /** {@code official} or {@code local}. */
    public String track;

    /** The catalogue entry as JSON. */
    @JdbcTypeCode(SqlTypes.JSON)
    public String definition;

    /** Whether the data was found and loaded. */
    public boolean available;

    /** Whether submissions are accepted. */
    public boolean open;

    /** Data rows of the file (labelled or not). */
    @Column(name = "file_rows")
    public Integer fileRows;

    /** Public samples. */
    @Column(name = "n_public")
    public Integer nPublic;

    /** Hidden-track samples. */
    @Column(name = "n_hidden")
    public Integer nHidden;

    /** SHA-256 of the label file. */
    @Column(name = "data_sha256")
    public String dataSha256;

    /** SHA-256 of the public split (ids, folds, hidden ids). */
    @Column(name = "split_sha256")
    public String splitSha256;

    /** When the samples were loaded. */
    @Column(name = "loaded_at")
    public OffsetDateTime loadedAt;
}
