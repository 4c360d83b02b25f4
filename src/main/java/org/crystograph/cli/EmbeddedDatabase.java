package org.crystograph.cli;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Starts a real PostgreSQL server from jars (zonky) for the default {@code serve} run, keeping its data under
 * {@code ~/.crystograph/pgdata} (override with {@code CRYSTOGRAPH_PGDATA}), unless a datasource URL is configured
 * through {@code QUARKUS_DATASOURCE_JDBC_URL} or {@code -Dquarkus.datasource.jdbc.url}.
 */
public final class EmbeddedDatabase {

    private static EmbeddedPostgres server;

    private EmbeddedDatabase() {
    }

    /** Starts the embedded server and points Quarkus at it, unless a URL is configured. Idempotent. */
    public static synchronized void startUnlessConfigured() {
        if (server != null || System.getenv("QUARKUS_DATASOURCE_JDBC_URL") != null
                || System.getProperty("quarkus.datasource.jdbc.url") != null) {
            return;
        }
        String dir = System.getenv().getOrDefault("CRYSTOGRAPH_PGDATA",
                Path.of(System.getProperty("user.home"), ".crystograph", "pgdata").toString());
        try {
            Path data = Path.of(dir);
            Files.createDirectories(data.getParent());
            server = EmbeddedPostgres.builder()
                    .setDataDirectory(data)
                    .setCleanDataDirectory(false)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start embedded PostgreSQL in " + dir, e);
        }
        System.setProperty("quarkus.datasource.jdbc.url", server.getJdbcUrl("postgres", "postgres"));
        System.setProperty("quarkus.datasource.username", "postgres");
        System.setProperty("quarkus.datasource.password", "postgres");
        Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedDatabase::stop, "embedded-postgres-stop"));
    }

    private static synchronized void stop() {
        if (server != null) {
            try {
                server.close();
            } catch (IOException e) {
                // the process is ending; nothing more to do
            }
            server = null;
        }
    }
}
