package org.protocolregistry.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.h2.jdbc.JdbcConnection;
import org.hibernate.dialect.H2Dialect;
import org.hibernate.exception.LockTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The single-writer rule of {@link SingleWriterH2Driver}, on a real in-memory H2 database. */
class SingleWriterH2DriverTest {

    private static final String URL = "jdbc:h2:mem:single-writer;DB_CLOSE_DELAY=-1";

    private final SingleWriterH2Driver driver = new SingleWriterH2Driver();
    private final ExecutorService otherThread = Executors.newSingleThreadExecutor();

    @BeforeEach
    void createTable() throws SQLException {
        try (Connection connection = connect(true); var statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS item(id INT PRIMARY KEY, name VARCHAR(20))");
            statement.execute("DELETE FROM item");
        }
        assertFalse(SingleWriterH2Driver.WRITER.isHeld(), "a test began with the writer taken");
    }

    @AfterEach
    void stopOtherThread() {
        otherThread.shutdownNow();
    }

    @ParameterizedTest
    @ValueSource(strings = { "SELECT * FROM item", "  select id from item where id = ?", "/* load */ SELECT 1",
            "-- count\nSELECT COUNT(*) FROM item", "WITH x AS (SELECT 1) SELECT * FROM x", "VALUES 1",
            "EXPLAIN SELECT 1", "SET LOCK_TIMEOUT = 10000" })
    void plainQueriesAndSessionSettingsDoNotWrite(String sql) {
        assertFalse(SingleWriterH2Driver.writes(sql), sql);
    }

    @ParameterizedTest
    @ValueSource(strings = { "INSERT INTO item VALUES (1, 'a')", "update item set name = ?", "DELETE FROM item",
            "MERGE INTO item KEY (id) VALUES (1, 'a')", "CREATE TABLE t(x INT)",
            "SELECT id FROM item WHERE id = ?1 FOR UPDATE", "select i.id from item i where i.id=? for update",
            "/* a comment */ INSERT INTO item VALUES (2, 'b')", "CALL 1", "TRUNCATE TABLE item" })
    void everythingElseWrites(String sql) {
        assertTrue(SingleWriterH2Driver.writes(sql), sql);
    }

    @Test
    void aWritingTransactionHoldsTheWriterUntilItCommits() throws Exception {
        try (Connection first = connect(false); Connection second = connect(false)) {
            insert(first, 1);
            assertTrue(SingleWriterH2Driver.WRITER.isHeld());

            Future<?> secondWrite = otherThread.submit(() -> {
                insert(second, 2);
                second.commit();
                return null;
            });
            assertThrows(TimeoutException.class, () -> secondWrite.get(300, TimeUnit.MILLISECONDS),
                    "a second transaction wrote while the first was still open");

            first.commit();
            secondWrite.get(5, TimeUnit.SECONDS);
            assertFalse(SingleWriterH2Driver.WRITER.isHeld());
            assertEquals(2, count(first));
        }
    }

    @Test
    void waitingForTheWriterIsALockWaitOfTheSessionsLockTimeout() throws Exception {
        try (Connection holder = connect(false); Connection impatient = connect(false)) {
            insert(holder, 1);
            try (var statement = impatient.createStatement()) {
                statement.execute("SET LOCK_TIMEOUT = 200");
            }
            long started = System.nanoTime();
            var refused = otherThread.submit(() -> assertThrows(SQLException.class, () -> insert(impatient, 2)))
                    .get(5, TimeUnit.SECONDS);
            long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertEquals(50200, refused.getErrorCode());
            assertTrue(waitedMillis >= 190 && waitedMillis < 3_000, "waited " + waitedMillis + " ms");
            holder.commit();
            insert(impatient, 2);
            impatient.commit();
            assertEquals(2, count(impatient));
        }
    }

    @Test
    void readsAndReadOnlyCommitsDoNotWaitForTheWriter() throws Exception {
        try (Connection writer = connect(false); Connection reader = connect(false)) {
            insert(writer, 1);
            Future<Integer> read = otherThread.submit(() -> {
                int rows = count(reader);
                try (var statement = reader.prepareStatement("SELECT name FROM item WHERE id = ?")) {
                    statement.setInt(1, 1);
                    statement.executeQuery().close();
                }
                reader.commit();
                return rows;
            });
            assertEquals(0, read.get(5, TimeUnit.SECONDS), "the reader saw an uncommitted row, or waited");
            assertTrue(SingleWriterH2Driver.WRITER.isHeld(), "a read-only commit let go of another's writer");
            writer.rollback();
        }
    }

    @Test
    void rollbackAndCloseLetTheWriterGo() throws Exception {
        try (Connection connection = connect(false)) {
            insert(connection, 1);
            connection.rollback();
            assertFalse(SingleWriterH2Driver.WRITER.isHeld(), "rollback");
            insert(connection, 1);
        }
        assertFalse(SingleWriterH2Driver.WRITER.isHeld(), "close");
        try (Connection connection = connect(true)) {
            assertEquals(0, count(connection), "closing a connection in a transaction must roll it back");
        }
    }

    @Test
    void anotherThreadEndingTheTransactionLetsTheWriterGo() throws Exception {
        // As the transaction reaper does, rolling back a transaction that outlived its timeout.
        try (Connection connection = connect(false)) {
            insert(connection, 1);
            otherThread.submit(() -> {
                connection.rollback();
                return null;
            }).get(5, TimeUnit.SECONDS);
            assertFalse(SingleWriterH2Driver.WRITER.isHeld());
        }
    }

    @Test
    void aStatementPreparedOnceTakesTheWriterInEveryTransaction() throws Exception {
        try (Connection connection = connect(false);
                var insert = connection.prepareStatement("INSERT INTO item VALUES (?, 'x')")) {
            for (int id = 1; id <= 3; id++) {
                insert.setInt(1, id);
                insert.executeUpdate();
                assertTrue(SingleWriterH2Driver.WRITER.isHeld(), "transaction " + id);
                connection.commit();
                assertFalse(SingleWriterH2Driver.WRITER.isHeld(), "after commit " + id);
            }
        }
    }

    @Test
    void anAutoCommitWriteIsTheWriterOnlyWhileItRuns() throws Exception {
        try (Connection connection = connect(true); var statement = connection.createStatement()) {
            assertEquals(1, statement.executeUpdate("INSERT INTO item VALUES (1, 'a')"));
            assertFalse(SingleWriterH2Driver.WRITER.isHeld());
        }
    }

    @Test
    void aNestedTransactionOnTheSameThreadDoesNotWaitForItself() throws Exception {
        // REQUIRES_NEW while the outer transaction has written: the outer one is suspended, not running.
        try (Connection outer = connect(false); Connection inner = connect(false)) {
            insert(outer, 1);
            insert(inner, 2);
            inner.commit();
            assertTrue(SingleWriterH2Driver.WRITER.isHeld(), "the outer transaction is still open");
            outer.commit();
            assertFalse(SingleWriterH2Driver.WRITER.isHeld());
            assertEquals(2, count(outer));
        }
    }

    @Test
    void waitingForTheWriterGivesUpWithH2sLockTimeout() throws Exception {
        var gate = new SingleWriterH2Driver.WriterGate();
        gate.enter(100);
        var refused = otherThread.submit(() -> assertThrows(SQLException.class, () -> gate.enter(100)))
                .get(5, TimeUnit.SECONDS);
        assertEquals(50200, refused.getErrorCode());
        assertEquals("HYT00", refused.getSQLState());
        // Which Hibernate's H2 dialect turns into a lock timeout, answered 503 busy (ProblemMappers.busy).
        var converted = new H2Dialect().buildSQLExceptionConversionDelegate().convert(refused, "insert", "INSERT");
        assertInstanceOf(LockTimeoutException.class, converted);

        gate.exit(Thread.currentThread());
        CompletableFuture.runAsync(() -> {
            try {
                gate.enter(100);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }, otherThread).get(5, TimeUnit.SECONDS);
    }

    @Test
    void theConnectionIsStillH2s() throws Exception {
        try (Connection connection = connect(true)) {
            assertTrue(connection.isWrapperFor(JdbcConnection.class));
            assertEquals("H2", connection.getMetaData().getDatabaseProductName());
        }
        assertEquals(null, driver.connect("jdbc:postgresql://localhost/x", new Properties()));
    }

    private Connection connect(boolean autoCommit) throws SQLException {
        var credentials = new Properties();
        credentials.setProperty("user", "sa");
        credentials.setProperty("password", "");
        Connection connection = driver.connect(URL, credentials);
        connection.setAutoCommit(autoCommit);
        return connection;
    }

    private static void insert(Connection connection, int id) throws SQLException {
        try (var statement = connection.prepareStatement("INSERT INTO item VALUES (?, 'x')")) {
            statement.setInt(1, id);
            statement.executeUpdate();
        }
    }

    private static int count(Connection connection) throws SQLException {
        try (var statement = connection.prepareStatement("SELECT COUNT(*) FROM item");
                var rows = statement.executeQuery()) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
