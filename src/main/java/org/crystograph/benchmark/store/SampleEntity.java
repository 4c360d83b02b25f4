package org.crystograph.benchmark.store;

import jakarta.persistence.Entity;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** A public sample: id, structure file, public fold and its (public) label. */
@Entity
@Table(name = "bench_sample")
@IdClass(SampleKey.class)
public class SampleEntity extends SampleRow {

    /** Public fold. */
    public short fold;

    /** Label in the task's unit. */
    public double label;
}
