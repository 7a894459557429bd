package org.protocolregistry.storage;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.regex.Pattern;

import org.h2.engine.Session;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;

/**
 * The embedded H2 driver, with one change: one transaction at a time may write. Reads run
 * concurrently, as before.
 *
 * <p>Why: with {@code WRITE_DELAY=0} every H2 commit ends by storing MVStore's maps to the file,
 * one map after another, while other threads go on changing them. A store that captures a
 * transaction's undo log and its rows at different moments lets a crash bring that transaction back
 * in part: some rows committed, the rest rolled back, or rows of an unfinished transaction left in
 * the file where a later transaction with the same id takes them for its own. CrashDurabilityIT
 * found an update's audit event without its version (27 Nov 2026); {@code H2CommitAtomicityIT}
 * shows it at will with H2's own driver. With one writer, no store runs while another transaction
 * changes the maps: stores run at that writer's commit (or, past MVStore's unsaved-memory limit,
 * between its own statements).
 *
 * <p>What it costs: writing transactions wait for each other. Each of the registry's writes already
 * locks the audit chain's single head until it commits, so they were one at a time nearly all along;
 * what goes is the overlap of one write's first statements with the previous write's commit.
 *
 * <p>A transaction becomes the writer when it runs its first statement that is not a plain query
 * ({@code SELECT ... FOR UPDATE} writes row locks, so it counts), and stops being it at commit,
 * rollback or close. A statement outside a transaction (auto-commit) is the writer only while it
 * runs. Waiting for the writer is a lock wait: it gives up after the session's lock timeout
 * ({@code SET LOCK_TIMEOUT}, 10 s in application.properties) with H2's lock-timeout error
 * (Hibernate: {@code LockTimeoutException}; the API: 503 busy).
 *
 * <p>PostgreSQL builds do not use this class (their driver is set at build time, see pom.xml).
 */
public final class SingleWriterH2Driver implements Driver {

    /** One per JVM: an embedded registry opens one database, and sharing it costs nothing more. */
    static final WriterGate WRITER = new WriterGate();

    /** H2's default lock timeout, for a session whose own is out of reach (a remote one). */
    private static final long DEFAULT_WAIT_MILLIS = 10_000;

    /** H2's own lock-timeout error (ErrorCode.LOCK_TIMEOUT_1), which Hibernate's H2 dialect maps. */
    private static final int H2_LOCK_TIMEOUT = 50200;

    /** A plain query or a session setting, by its first keyword (after comments). */
    private static final Pattern READING_KEYWORD = Pattern.compile(
            "(?is)\\s*(?:(?:/\\*.*?\\*/|--[^\\n]*\\n)\\s*)*(?:SELECT|WITH|VALUES|TABLE|EXPLAIN|SHOW|SET)\\b");
    private static final Pattern LOCKING = Pattern.compile("(?i)\\bFOR\\s+(?:UPDATE|SHARE)\\b");

    /**
     * Hibernate prepares the same few SQL strings again and again, and classifying a long one costs
     * microseconds (5 us for 1,000 characters): a few percent of a read by id. Bounded: emptied
     * when full, in case some caller builds its SQL with literals.
     */
    private static final Map<String, Boolean> WRITES = new ConcurrentHashMap<>();
    private static final int MAX_REMEMBERED = 4_096;

    private final Driver h2 = new org.h2.Driver();

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        Connection connection = h2.connect(url, info);
        if (connection == null) {
            return null; // not an H2 URL: DriverManager asks the next driver
        }
        return (Connection) Proxy.newProxyInstance(SingleWriterH2Driver.class.getClassLoader(),
                new Class<?>[] { Connection.class }, new WriterConnection(connection));
    }

    /**
     * Whether a statement may change the database or lock rows: everything but a plain query or a
     * session setting ({@code SET LOCK_TIMEOUT}, which every new connection runs; the registry
     * changes no database-wide setting while it runs).
     */
    static boolean writes(String sql) {
        Boolean writes = WRITES.get(sql);
        if (writes == null) {
            writes = !READING_KEYWORD.matcher(sql).lookingAt() || LOCKING.matcher(sql).find();
            if (WRITES.size() >= MAX_REMEMBERED) {
                WRITES.clear();
            }
            WRITES.put(sql, writes);
        }
        return writes;
    }

    @Override
    public boolean acceptsURL(String url) throws SQLException {
        return h2.acceptsURL(url);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
        return h2.getPropertyInfo(url, info);
    }

    @Override
    public int getMajorVersion() {
        return h2.getMajorVersion();
    }

    @Override
    public int getMinorVersion() {
        return h2.getMinorVersion();
    }

    @Override
    public boolean jdbcCompliant() {
        return h2.jdbcCompliant();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return h2.getParentLogger();
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** H2's connection; holds the writer from its transaction's first write to its end. */
    private static final class WriterConnection implements InvocationHandler {

        private final Connection h2Connection;
        /** The thread that made this transaction the writer, or null. Guarded by this: the reaper may end the
         * transaction while that thread still runs. */
        private Thread writer;

        WriterConnection(Connection h2Connection) {
            this.h2Connection = h2Connection;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "prepareStatement", "prepareCall" -> {
                    // Gated when it runs, not here: a prepared statement may run in many transactions.
                    Object h2Statement = call(h2Connection, method, args);
                    return writes((String) args[0]) ? statement(h2Statement, (String) args[0]) : h2Statement;
                }
                case "createStatement" -> {
                    return statement(call(h2Connection, method, args), null);
                }
                case "commit", "rollback", "close" -> {
                    // rollback(Savepoint) keeps the transaction open, and the writer with it.
                    boolean endsTransaction = method.getParameterCount() == 0;
                    try {
                        return call(h2Connection, method, args);
                    } finally {
                        if (endsTransaction) {
                            stopBeingWriter();
                        }
                    }
                }
                case "setAutoCommit" -> {
                    // Switching auto-commit on commits the open transaction (JDBC 4.3, 10.1.1).
                    try {
                        return call(h2Connection, method, args);
                    } finally {
                        if (Boolean.TRUE.equals(args[0])) {
                            stopBeingWriter();
                        }
                    }
                }
                default -> {
                    return call(h2Connection, method, args);
                }
            }
        }

        void becomeWriter() throws SQLException {
            synchronized (this) {
                if (writer != null) {
                    return;
                }
            }
            WRITER.enter(lockTimeoutMillis()); // not holding this: the reaper may end the transaction meanwhile
            synchronized (this) {
                writer = Thread.currentThread();
            }
        }

        /** The session's lock timeout ({@code SET LOCK_TIMEOUT}): waiting for the writer is a lock wait. */
        long lockTimeoutMillis() throws SQLException {
            Session session = h2Connection.unwrap(JdbcConnection.class).getSession();
            return session instanceof SessionLocal local ? local.getLockTimeout() : DEFAULT_WAIT_MILLIS;
        }

        synchronized void stopBeingWriter() {
            if (writer != null) {
                WRITER.exit(writer);
                writer = null;
            }
        }

        /** Wraps a statement that writes, or whose SQL is known only when it runs. */
        private Statement statement(Object h2Statement, String preparedSql) {
            var handler = new WriterStatement(this, h2Statement, preparedSql);
            Class<?>[] types = h2Statement instanceof java.sql.CallableStatement
                    ? new Class<?>[] { java.sql.CallableStatement.class }
                    : h2Statement instanceof java.sql.PreparedStatement
                            ? new Class<?>[] { java.sql.PreparedStatement.class }
                            : new Class<?>[] { Statement.class };
            return (Statement) Proxy.newProxyInstance(SingleWriterH2Driver.class.getClassLoader(), types, handler);
        }
    }

    /**
     * A writing prepared statement, or one made with {@code createStatement()} (its SQL comes when it
     * runs). Running a write makes its transaction the writer; in auto-commit mode, only while it runs.
     */
    private static final class WriterStatement implements InvocationHandler {

        private final WriterConnection connection;
        private final Object h2Statement;
        private final String preparedSql;
        private boolean batchWrites;

        WriterStatement(WriterConnection connection, Object h2Statement, String preparedSql) {
            this.connection = connection;
            this.h2Statement = h2Statement;
            this.preparedSql = preparedSql;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if (name.equals("addBatch") && args != null && args[0] instanceof String sql) {
                batchWrites |= writes(sql);
            } else if (name.startsWith("execute") && runsWrite(name, args)) {
                if (connection.h2Connection.getAutoCommit()) {
                    WRITER.enter(connection.lockTimeoutMillis());
                    try {
                        return call(h2Statement, method, args);
                    } finally {
                        WRITER.exit(Thread.currentThread());
                    }
                }
                connection.becomeWriter();
            }
            return call(h2Statement, method, args);
        }

        private boolean runsWrite(String name, Object[] args) {
            if (name.equals("executeBatch") || name.equals("executeLargeBatch")) {
                return batchWrites || preparedSql != null;
            }
            if (args != null && args.length > 0 && args[0] instanceof String sql) {
                return writes(sql);
            }
            return preparedSql != null;
        }
    }

    /**
     * Admits one thread's transactions at a time. Re-entrant per thread: a transaction that starts
     * another on the same thread (REQUIRES_NEW) while it holds the writer would otherwise wait for
     * itself; the two never run at once, which is all H2 needs. Not a {@code ReentrantLock}: the
     * transaction reaper ends a timed-out transaction on its own thread, so whoever ends a transaction
     * releases it on behalf of the thread that entered.
     */
    static final class WriterGate {

        private Thread owner;
        private int holds;

        synchronized void enter(long waitMillis) throws SQLException {
            Thread current = Thread.currentThread();
            if (owner == current) {
                holds++;
                return;
            }
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
            try {
                while (owner != null) {
                    long remaining = deadline - System.nanoTime();
                    if (remaining <= 0) {
                        throw new SQLException("Timeout waiting " + waitMillis
                                + " ms for the other writing transaction to end", "HYT00", H2_LOCK_TIMEOUT);
                    }
                    TimeUnit.NANOSECONDS.timedWait(this, remaining);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("Interrupted while waiting for the other writing transaction to end", "HYT00",
                        H2_LOCK_TIMEOUT, e);
            }
            owner = current;
            holds = 1;
        }

        synchronized void exit(Thread enteredBy) {
            if (owner == enteredBy && --holds == 0) {
                owner = null;
                notifyAll();
            }
        }

        synchronized boolean isHeld() {
            return owner != null;
        }
    }
}
