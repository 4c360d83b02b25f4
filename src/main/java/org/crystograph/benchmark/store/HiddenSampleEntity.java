package org.crystograph.benchmark.store;

import jakarta.persistence.Entity;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** A hidden-track sample: its id and structure file are public; its label is stored apart, for the scorer only. */
@Entity
@Table(name = "bench_hidden_sample")
@IdClass(SampleKey.class)
public class HiddenSampleEntity extends SampleRow {
}
