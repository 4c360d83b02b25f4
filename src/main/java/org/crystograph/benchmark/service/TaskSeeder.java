package org.crystograph.benchmark.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import org.crystograph.benchmark.Csv;
import org.crystograph.benchmark.TaskData;
import org.crystograph.benchmark.TaskDataException;
import org.crystograph.benchmark.TaskDefinition;
import org.crystograph.benchmark.TaskSample;
import org.postgresql.PGConnection;

/**
 * Loads the catalogue's tasks and their samples into PostgreSQL at startup. Samples go in with {@code COPY}, one
 * statement per table and task; a task whose label-file and split hashes are unchanged is not reloaded, and a transaction-scoped advisory lock keeps concurrent replicas from loading twice.
 */
@ApplicationScoped
public class TaskSeeder {

    private static final long SEED_LOCK = 0x756e636f6e76L; // "unconv"
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    AgroalDataSource dataSource;

    @Inject
    BenchmarkData data;

    @Inject
    BenchmarkConfig config;

    void onStart(@Observes StartupEvent event) {
        if (config.seedAtStartup()) {
            seedAll();
        }
    }

    /**
     * Registers every catalogue task and loads the samples of those whose data is present.
     *
     * @return the number of tasks whose samples were (re)loaded; 0 when nothing changed since the last run
     */
    public int seedAll() {
        long start = System.nanoTime();
        int loaded = 0;
        for (TaskDefinition task : data.catalog().tasks()) {
            boolean wanted = config.seedTasks().map(l -> l.contains(task.key())).orElse(true);
            TaskData taskData = null;
            if (wanted && data.reader().available(task)) {
                try {
                    taskData = data.reader().read(task);
                    if (taskData.samples().size() != task.n()) {
                        // the files are authoritative (spec section 1); the catalogue's n is informative
                        Log.warnf("task %s: %d labelled rows in the file, the catalogue says %d", task.key(),
                                taskData.samples().size(), task.n());
                    }
                } catch (TaskDataException e) {
                    Log.errorf("task %s: data present but unreadable, listed as unavailable: %s", task.key(),
                            e.getMessage());
                }
            }
            try {
                loaded += seed(task, taskData) ? 1 : 0;
            } catch (SQLException | IOException e) {
                throw new IllegalStateException("seeding task " + task.key() + " failed", e);
            }
        }
        Log.infof("benchmark tasks registered (%d loaded or reloaded) in %d ms", loaded,
                (System.nanoTime() - start) / 1_000_000);
        return loaded;
    }

    /** Upserts one task; reloads its samples when its data changed. Returns whether samples were (re)loaded. */
    boolean seed(TaskDefinition task, TaskData taskData) throws SQLException, IOException {
        String splitSha = taskData == null ? null : splitSha256(taskData);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (Statement s = c.createStatement()) {
                    s.execute("SELECT pg_advisory_xact_lock(" + SEED_LOCK + ")");
                }
                String oldData = null;
                String oldSplit = null;
                try (PreparedStatement q = c.prepareStatement(
                        "SELECT data_sha256, split_sha256 FROM bench_task WHERE key = ?")) {
                    q.setString(1, task.key());
                    try (ResultSet r = q.executeQuery()) {
                        if (r.next()) {
                            oldData = r.getString(1);
                            oldSplit = r.getString(2);
                        }
                    }
                }
                boolean reload = taskData != null
                        && !(taskData.sha256().equals(oldData) && splitSha.equals(oldSplit));
                upsertTask(c, task, taskData, splitSha, reload);
                if (reload) {
                    for (String table : List.of("bench_hidden_label", "bench_hidden_sample", "bench_sample")) {
                        try (PreparedStatement d = c.prepareStatement("DELETE FROM " + table + " WHERE task_key = ?")) {
                            d.setString(1, task.key());
                            d.executeUpdate();
                        }
                    }
                    copySamples(c, task.key(), taskData);
                }
                c.commit();
                return reload;
            } catch (SQLException | IOException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static void upsertTask(Connection c, TaskDefinition task, TaskData d, String splitSha, boolean reload)
            throws SQLException, IOException {
        String sql = """
                INSERT INTO bench_task (key, track, definition, available, file_rows, n_public, n_hidden,
                                        data_sha256, split_sha256, loaded_at)
                VALUES (?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, CASE WHEN ? THEN now() END)
                ON CONFLICT (key) DO UPDATE SET track = EXCLUDED.track, definition = EXCLUDED.definition,
                    available = EXCLUDED.available, file_rows = EXCLUDED.file_rows, n_public = EXCLUDED.n_public,
                    n_hidden = EXCLUDED.n_hidden, data_sha256 = EXCLUDED.data_sha256,
                    split_sha256 = EXCLUDED.split_sha256,
                    loaded_at = CASE WHEN ? THEN now() ELSE bench_task.loaded_at END
                """;
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, task.key());
            p.setString(2, task.track().name().toLowerCase(java.util.Locale.ROOT));
            p.setString(3, JSON.writeValueAsString(task));
            p.setBoolean(4, d != null);
            p.setObject(5, d == null ? null : d.fileRowCount());
            p.setObject(6, d == null ? null : d.publicSamples().size());
            p.setObject(7, d == null ? null : d.hiddenSamples().size());
            p.setString(8, d == null ? null : d.sha256());
            p.setString(9, splitSha);
            p.setBoolean(10, reload);
            p.setBoolean(11, reload);
            p.executeUpdate();
        }
    }

    private static void copySamples(Connection c, String key, TaskData d) throws SQLException, IOException {
        StringBuilder pub = new StringBuilder();
        StringBuilder hid = new StringBuilder();
        StringBuilder hidLabel = new StringBuilder();
        for (TaskSample s : d.samples()) {
            String file = s.structureFile() == null ? "" : Csv.quote(s.structureFile());
            if (s.hidden()) {
                hid.append(key).append(',').append(s.sampleId()).append(',').append(s.rowIndex()).append(',')
                        .append(file).append('\n');
                hidLabel.append(key).append(',').append(s.sampleId()).append(',')
                        .append(Double.toString(s.label())).append('\n');
            } else {
                pub.append(key).append(',').append(s.sampleId()).append(',').append(s.rowIndex()).append(',')
                        .append(file).append(',').append(s.publicFold()).append(',')
                        .append(Double.toString(s.label())).append('\n');
            }
        }
        var copy = c.unwrap(PGConnection.class).getCopyAPI();
        copy.copyIn("COPY bench_sample (task_key, sample_id, row_index, structure_file, fold, label) "
                + "FROM STDIN WITH (FORMAT csv)", new StringReader(pub.toString()));
        copy.copyIn("COPY bench_hidden_sample (task_key, sample_id, row_index, structure_file) "
                + "FROM STDIN WITH (FORMAT csv)", new StringReader(hid.toString()));
        copy.copyIn("COPY bench_hidden_label (task_key, sample_id, label) FROM STDIN WITH (FORMAT csv)",
                new StringReader(hidLabel.toString()));
    }

    /** SHA-256 over "id,fold" lines of the public split and "id,hidden" lines of the hidden track, in file order. */
    static String splitSha256(TaskData d) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (TaskSample s : d.samples()) {
                md.update((s.sampleId() + "," + (s.hidden() ? "hidden" : Integer.toString(s.publicFold())) + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
