package org.crystograph.benchmark.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** A hidden-track sample: its id and structure file are public; its label is stored apart, for the scorer only. */
@Entity
@Table(name = "bench_hidden_sample")
@IdClass(SampleKey.class)
public class HiddenSampleEntity extends PanacheEntityBase {

    /** Task key. */
    @Id
    @Column(name = "task_key")
    public String taskKey;

    /** Sample id. */
    @Id
    @Column(name = "sample_id")
    public String sampleId;

    /** 0-based data row in the file. */
    @Column(name = "row_index")
    public int rowIndex;

    /** Structure file inside the task's zip or folder. */
    @Column(name = "structure_file")
    public String structureFile;
}
