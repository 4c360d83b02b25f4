package org.crystograph.api.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.crystograph.benchmark.service.TaskSeeder;
import org.crystograph.testing.EmbeddedPostgresResource;
import org.junit.jupiter.api.Test;

/** Seeding at startup is idempotent and keeps hidden labels apart from the public samples. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class TaskSeederTest {

    @Inject
    TaskSeeder seeder;

    @Inject
    AgroalDataSource dataSource;

    private long count(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    @Test
    void secondSeeding_withUnchangedData_reloadsNothing() throws Exception {
        BenchmarkFlowTest.assumeTask("local_3dsc_tc");
        long samples = count("SELECT count(*) FROM bench_sample");
        assertThat(seeder.seedAll()).isZero();
        assertThat(count("SELECT count(*) FROM bench_sample")).isEqualTo(samples);
    }

    @Test
    void threeDsc_publicAndHiddenRowsPartitionTheLabelledRows() throws Exception {
        BenchmarkFlowTest.assumeTask("local_3dsc_tc");
        long pub = count("SELECT count(*) FROM bench_sample WHERE task_key = 'local_3dsc_tc'");
        long hidden = count("SELECT count(*) FROM bench_hidden_label WHERE task_key = 'local_3dsc_tc'");
        assertThat(pub + hidden).isEqualTo(10848);
        assertThat(count("""
                SELECT count(*) FROM bench_sample s JOIN bench_hidden_sample h USING (task_key, sample_id)""")).isZero();
        // the public table has no row of the hidden track, the hidden label table no public row
        assertThat(count("SELECT count(*) FROM bench_hidden_sample WHERE task_key = 'local_3dsc_tc'"))
                .isEqualTo(hidden);
    }
}
