package org.crystograph.api;

import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.core.Response;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.hibernate.exception.JDBCConnectionException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Database failures at the REST edge. Only the benchmark (tasks, submissions, leaderboards, model cards) uses
 * PostgreSQL; predictions never do. While the database cannot be reached (an outage, a failover, a network partition)
 * the benchmark endpoints answer {@code 503} problem+json with {@code Retry-After} instead of a 500, and readiness
 * stays UP (it means "models loaded"), so the pods stay in the Service and keep predicting. Other persistence failures
 * are server faults: a logged 500 problem.
 */
public class DatabaseOutageMapper {

    /** Suggested wait before retrying: about the time CloudNativePG needs to promote a standby. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(30);
    /** Problem type of a database that cannot be reached. */
    static final String TYPE = "database-unavailable";

    private static final Logger LOG = Logger.getLogger(DatabaseOutageMapper.class);

    /** SQLSTATE class 08: connection exception (PostgreSQL appendix A, and the SQL standard). */
    private static final String CONNECTION_EXCEPTION_CLASS = "08";
    /** SQLSTATEs of a server going away or not accepting connections yet (admin, crash shutdown; starting up). */
    private static final Set<String> SERVER_UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03");
    /** Causes followed at most, in case of a cycle the identity check misses. */
    private static final int MAX_CAUSES = 64;

    /** Hibernate and JPA failures (Hibernate's own exceptions are {@link PersistenceException}s). */
    @ServerExceptionMapper
    public Response persistence(PersistenceException e) {
        return map(e);
    }

    /** JDBC failures that reach the edge without Hibernate (the pool's own, or direct JDBC use). */
    @ServerExceptionMapper
    public Response jdbc(SQLException e) {
        return map(e);
    }

    private static Response map(Exception e) {
        if (!isUnreachable(e)) {
            LOG.error("database failure", e);
            return ProblemMapper.problem(Response.Status.INTERNAL_SERVER_ERROR.getStatusCode(), "database-error",
                    "Database error", "the benchmark database failed to answer this request", Map.of());
        }
        LOG.warnf("benchmark database unreachable: %s", e.getMessage());
        ServiceUnavailableException unavailable = new ServiceUnavailableException(TYPE, "Database unavailable",
                "the benchmark database cannot be reached at the moment; predictions are not affected",
                RETRY_AFTER, Map.of());
        return new ProblemMapper().api(unavailable);
    }

    /**
     * Whether a failure means the database cannot be reached, rather than that it refused this statement: somewhere
     * in the cause chain, a connection-class SQLSTATE (08xxx), a server shutting down or starting (57P01-57P03), a
     * JDBC connection exception, or a socket failure (refused, reset, timed out, unknown host).
     */
    static boolean isUnreachable(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        int steps = 0;
        for (Throwable t = failure; t != null && seen.add(t) && steps < MAX_CAUSES; t = t.getCause(), steps++) {
            if (t instanceof JDBCConnectionException
                    || t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof SocketException || t instanceof SocketTimeoutException
                    || t instanceof UnknownHostException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith(CONNECTION_EXCEPTION_CLASS)
                            || SERVER_UNAVAILABLE_STATES.contains(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }
}
