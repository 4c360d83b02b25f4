package org.crystograph.api;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.PersistenceException;
import java.net.ConnectException;
import java.sql.SQLException;
import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;

/** Which database failures mean "cannot be reached" (503 with Retry-After) and which are faults (500). */
class DatabaseOutageMapperTest {

    @Test
    void refusedConnection_underThePoolsException_isUnreachable() {
        SQLException pool = new SQLException("Exception while creating new connection",
                new SQLException("Connection to localhost:5432 refused", "08001", new ConnectException("refused")));
        assertThat(DatabaseOutageMapper.isUnreachable(new PersistenceException("Unable to acquire JDBC Connection",
                pool))).isTrue();
    }

    @Test
    void brokenPipeOnAPooledConnection_isUnreachable() {
        SQLException io = new SQLException("An I/O error occurred while sending to the backend.", "08006");
        assertThat(DatabaseOutageMapper.isUnreachable(new JDBCConnectionException("JDBC exception", io))).isTrue();
    }

    @Test
    void serverShuttingDownForAFailover_isUnreachable() {
        assertThat(DatabaseOutageMapper.isUnreachable(new SQLException(
                "terminating connection due to administrator command", "57P01"))).isTrue();
        assertThat(DatabaseOutageMapper.isUnreachable(new SQLException(
                "the database system is starting up", "57P03"))).isTrue();
    }

    @Test
    void constraintViolation_isAFault_notAnOutage() {
        SQLException unique = new SQLException("duplicate key value violates unique constraint", "23505");
        assertThat(DatabaseOutageMapper.isUnreachable(new ConstraintViolationException("insert", unique, "uk")))
                .isFalse();
        assertThat(DatabaseOutageMapper.isUnreachable(new PersistenceException("no cause"))).isFalse();
    }

    @Test
    void causeCycle_ends() {
        SQLException a = new SQLException("a", "42000");
        SQLException b = new SQLException("b", "42000", a);
        a.initCause(b);
        assertThat(DatabaseOutageMapper.isUnreachable(a)).isFalse();
    }
}
