package org.crystograph.benchmark.store;

import java.io.Serializable;
import java.util.Objects;

/** Composite key (task, sample id) of sample tables. */
public class SampleKey implements Serializable {

    /** Task key. */
    public String taskKey;
    /** Sample id. */
    public String sampleId;

    /** For JPA. */
    public SampleKey() {
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SampleKey k && Objects.equals(taskKey, k.taskKey) && Objects.equals(sampleId, k.sampleId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(taskKey, sampleId);
    }
}
