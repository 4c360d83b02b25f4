package org.crystograph.cli;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Starts a real PostgreSQL server from jars (zonky) for the default {@code serve} run, keeping its data under
 * {@code ~/.crystograph/pgdata} (override with {@code CRYSTOGRAPH_PGDATA}), unless a datasource URL is configured
 * through {@code QUARKUS_DATASOURCE_JDBC_URL} or {@code -Dquarkus.datasource.jdbc.url}.
 *
 * <p>The server holds the benchmark's acknowledged writes (teams, submissions, quotas), so it runs durably and its
 * life is tied to the service's:
 * <ul>
 *   <li>zonky starts PostgreSQL with {@code -F} (no fsync) and {@code synchronous_commit=off}, settings for throw-away
 *       test databases under which a crash loses commits already answered 201; {@link #DURABLE} turns both back on
 *       (PostgreSQL applies command-line options in order, so the later {@code -c fsync=on} wins over {@code -F});</li>
 *   <li>a server left running by a service that was killed ({@code kill -9}, the out-of-memory killer) is found by
 *       its {@code postmaster.pid} and stopped before the new one starts ({@link Postmaster#stopStale});</li>
 *   <li>a watchdog process stops the server when the service's process is gone, however it ended
 *       ({@link Postmaster#watch}).</li>
 * </ul>
 */
public final class EmbeddedDatabase {

    /** Server settings that make a commit durable once it is acknowledged. */
    static final Map<String, String> DURABLE = Map.of(
            "fsync", "on",
            "synchronous_commit", "on",
            "full_page_writes", "on");

    private static EmbeddedPostgres server;
    private static Process watchdog;

    private EmbeddedDatabase() {
    }

    /** Starts the embedded server and points Quarkus at it, unless a URL is configured. Idempotent. */
    public static synchronized void startUnlessConfigured() {
        if (server != null || System.getenv("QUARKUS_DATASOURCE_JDBC_URL") != null
                || System.getProperty("quarkus.datasource.jdbc.url") != null) {
            return;
        }
        Path data = Path.of(System.getenv().getOrDefault("CRYSTOGRAPH_PGDATA",
                Path.of(System.getProperty("user.home"), ".crystograph", "pgdata").toString()));
        server = start(data);
        watchdog = Postmaster.read(data).map(Postmaster::watch).orElse(null);
        System.setProperty("quarkus.datasource.jdbc.url", server.getJdbcUrl("postgres", "postgres"));
        System.setProperty("quarkus.datasource.username", "postgres");
        System.setProperty("quarkus.datasource.password", "postgres");
        Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedDatabase::stop, "embedded-postgres-stop"));
    }

    /**
     * Starts a durable server on {@code data} (created when absent, kept otherwise), first stopping a server that a
     * killed process left running on the same directory.
     *
     * @throws UncheckedIOException when the server cannot start
     */
    static EmbeddedPostgres start(Path data) {
        try {
            Files.createDirectories(data.toAbsolutePath().getParent());
            Postmaster.read(data).ifPresent(Postmaster::stopStale);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(data)
                    .setCleanDataDirectory(false);
            DURABLE.forEach(builder::setServerConfig);
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start embedded PostgreSQL in " + data, e);
        }
    }

    private static synchronized void stop() {
        if (watchdog != null) {
            watchdog.destroy();
            watchdog = null;
        }
        if (server != null) {
            try {
                server.close();
            } catch (IOException e) {
                // the process is ending; nothing more to do
            }
            server = null;
        }
    }

    /**
     * The server process named by a data directory's {@code postmaster.pid} (first line: its process id; second line:
     * its data directory).
     *
     * @param pid the postmaster's process id
     * @param dataDirectory the data directory it serves
     */
    record Postmaster(long pid, Path dataDirectory) {

        /** How long a stale server gets for a fast shutdown before it is killed. */
        private static final long STOP_WAIT_MILLIS = 30_000;
        /** How often the watchdog looks for the service's process. */
        private static final int WATCH_INTERVAL_SECONDS = 1;

        /** The server that {@code data/postmaster.pid} names, when the file exists and reads as one. */
        static Optional<Postmaster> read(Path data) {
            Path pidFile = data.resolve("postmaster.pid");
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            try {
                var lines = Files.readAllLines(pidFile);
                if (lines.size() < 2) {
                    return Optional.empty();
                }
                return Optional.of(new Postmaster(Long.parseLong(lines.get(0).trim()), Path.of(lines.get(1).trim())));
            } catch (IOException | NumberFormatException e) {
                return Optional.empty(); // PostgreSQL itself judges a damaged lock file at start-up
            }
        }

        /** The live PostgreSQL process this file names; empty when it has ended (or the id now names another). */
        Optional<ProcessHandle> process() {
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(true));
        }

        /**
         * Stops a server still running on this data directory: a fast shutdown (SIGINT: rolls back open
         * transactions of the dead service, writes a checkpoint), then SIGKILL if it has not ended in time.
         */
        void stopStale() {
            process().ifPresent(p -> {
                System.err.println("crystograph: stopping the embedded PostgreSQL (pid " + pid + ") that a previous"
                        + " run left on " + dataDirectory);
                signal("INT", pid);
                try {
                    p.onExit().get(STOP_WAIT_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
                } catch (Exception e) {
                    p.destroyForcibly();
                }
            });
        }

        /**
         * Starts a small process that outlives this JVM if it is killed, and then stops this server with a fast
         * shutdown: the server never outlives the service. On a normal exit the shutdown hook stops both.
         */
        Process watch() {
            String script = "while kill -0 \"$1\" 2>/dev/null; do sleep " + WATCH_INTERVAL_SECONDS + "; done; "
                    + "kill -INT \"$2\" 2>/dev/null";
            try {
                return new ProcessBuilder("sh", "-c", script, "crystograph-pg-watchdog",
                        Long.toString(ProcessHandle.current().pid()), Long.toString(pid))
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.DISCARD)
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the embedded PostgreSQL watchdog", e);
            }
        }

        private static void signal(String name, long pid) {
            try {
                new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start().waitFor();
            } catch (IOException e) {
                throw new UncheckedIOException("could not signal PostgreSQL process " + pid, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
