package org.crystograph.benchmark.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

/** The columns every sample table shares: key (task, sample id), the file row and the structure file. */
@MappedSuperclass
public abstract class SampleRow extends PanacheEntityBase {

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

    /** Structure file inside the task's zip or folder (null for official tasks). */
    @Column(name = "structure_file")
    public String structureFile;
}
