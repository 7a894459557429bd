package org.protocolregistry.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;
import org.protocolregistry.api.RequestIds;
import org.protocolregistry.operations.RequestIdFilter;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Group commit: writes that arrive while another group is committing share the next database
 * transaction, so that the cost of a commit (on embedded H2, writing every changed B-tree page to
 * the file, a third of a create's CPU when each create committed alone) is paid once per group.
 *
 * <p>A write queues, then waits for the committer; whoever becomes it runs everything queued
 * (at most {@link #MAX_GROUP}) in one transaction, one write after the other, and hands each
 * waiting request its result once the commit has succeeded. The committer steps down once the
 * group's statements have run, before the database commit, so that the next group's statements
 * run while this one's pages are written (the database's own row locks, the audit chain's head
 * above all, still order the groups). On embedded H2 that overlap ends at the next group's first
 * write, which waits for this commit (SingleWriterH2Driver).
 *
 * <p>No write is acknowledged before its group is durable, and none is half done: a group that
 * fails rolls back whole, and its writes then run again one transaction each, so one write's
 * failure is only ever its own. The exceptions are a busy database (a lock wait given up, a
 * deadlock, a timeout), which would meet each write alike: every write of the group then fails
 * with that error, as one write alone would; and a commit that failed once begun, whose writes
 * the database may have stored all the same (H2 2.4.240 did): none of them runs again, each is
 * looked up instead, and answered with its result if it was stored, or fails with the commit's
 * error if not.
 *
 * <p>A write that is called inside a transaction (an idempotent request stores its response in
 * the write's transaction) joins that transaction and is not grouped.
 */
@ApplicationScoped
public class GroupCommit {

    /** Most writes committed together; more wait for the next group. */
    static final int MAX_GROUP = 32;

    private static final Logger LOG = Logger.getLogger(GroupCommit.class);

    /** One permit: who holds it runs the next group. Not a lock: it is given back inside the transaction. */
    private final Semaphore committer = new Semaphore(1);
    /**
     * Writes not yet taken into a group, oldest first. Each waiter parks on its own thread and is
     * woken alone: by the committer of its group once the outcome is in, or, as the oldest
     * queued write, when the committer steps down. Waking every waiter at each step (a shared
     * monitor's notifyAll) had fifteen threads on two cores compete with the committer for a core.
     */
    private final ConcurrentLinkedQueue<PendingWrite<?>> queue = new ConcurrentLinkedQueue<>();
    private final DistributionSummary groupSizes;

    @Inject
    Transactions transactions;

    @Inject
    EntityManager entityManager;

    GroupCommit(MeterRegistry meters) {
        groupSizes = DistributionSummary.builder("registry.group-commit.writes")
                .description("Writes committed together in one transaction (group commit)")
                .register(meters);
    }

    /**
     * Runs {@code write} in a transaction, grouped with concurrent writes, and returns its result
     * once that transaction has committed; or throws what the write threw, its transaction rolled
     * back. The write may run more than once (again alone after its group failed), each time in a
     * fresh transaction whose effects are discarded unless it commits: it must build its entities
     * anew on every call. It may run on another request's thread, with this request's id in the
     * logging context.
     */
    public <T> T call(Supplier<T> write) {
        return call(write, result -> false);
    }

    /**
     * As {@link #call(Supplier)}, and when the commit fails once begun, asks {@code stored}, in a
     * transaction of its own, whether the result the write returned inside the failed transaction
     * is in the database all the same; if it is, that result is returned as committed.
     */
    public <T> T call(Supplier<T> write, Predicate<T> stored) {
        if (QuarkusTransaction.isActive()) {
            return write.get();
        }
        var pending = new PendingWrite<>(write, stored, RequestIds.current());
        queue.add(pending);
        boolean interrupted = false;
        while (!pending.isDone()) {
            if (!pending.isTaken() && committer.tryAcquire()) {
                var stepDown = new StepDown();
                try {
                    if (!pending.isDone()) {
                        commitNextGroup(stepDown);
                    }
                } finally {
                    stepDown.run();
                }
            } else {
                interrupted |= awaitDoneOrCommitterFree(pending);
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return pending.result();
    }

    /** Takes the committer's place, so that writes queue up (tests build a group of known size this way). */
    void holdForTest() {
        committer.acquireUninterruptibly();
    }

    void releaseForTest() {
        new StepDown().run();
    }

    int queuedForTest() {
        return queue.size();
    }

    /** Gives the committer's place back, once, and wakes the oldest queued write's thread to take it. */
    private final class StepDown implements Runnable {
        private final AtomicBoolean done = new AtomicBoolean();

        boolean hasRun() {
            return done.get();
        }

        @Override
        public void run() {
            if (done.compareAndSet(false, true)) {
                committer.release();
                // A write queued before the release is seen here; one queued after it finds the
                // committer free itself.
                var oldest = queue.peek();
                if (oldest != null) {
                    LockSupport.unpark(oldest.waiter);
                }
            }
        }
    }

    /**
     * Parks until the write is done or, while it is still queued, until the committer is free.
     * Not interruptible: a queued write may still be committed by another thread, and its
     * request must then get its answer. Returns whether the thread was interrupted meanwhile.
     */
    private boolean awaitDoneOrCommitterFree(PendingWrite<?> pending) {
        boolean interrupted = false;
        while (!pending.isDone() && (pending.isTaken() || committer.availablePermits() == 0)) {
            LockSupport.park(this);
            // park returns at once while the interrupt flag is set: clear it, restore it later
            interrupted |= Thread.interrupted();
        }
        return interrupted;
    }

    private void commitNextGroup(StepDown stepDown) {
        var group = new ArrayList<PendingWrite<?>>();
        PendingWrite<?> next;
        while (group.size() < MAX_GROUP && (next = queue.poll()) != null) {
            next.take();
            group.add(next);
        }
        if (group.isEmpty()) {
            return;
        }
        groupSizes.record(group.size());
        try {
            commit(group, stepDown);
        } catch (Throwable unexpected) {
            // Never leave a request waiting for ever.
            group.stream().filter(write -> !write.isDone()).forEach(write -> write.fail(unexpected));
            throw unexpected;
        } finally {
            // Their results are in.
            for (var write : group) {
                if (write.waiter != Thread.currentThread()) {
                    LockSupport.unpark(write.waiter);
                }
            }
        }
    }

    private void commit(List<PendingWrite<?>> group, StepDown stepDown) {
        // Once the statements have run: the next group may start while this transaction commits.
        Runnable beforeCommit = () -> {
            entityManager.flush();
            stepDown.run();
        };
        if (group.size() > 1) {
            try {
                transactions.inNewTransaction(() -> {
                    group.forEach(PendingWrite::runInGroup);
                    beforeCommit.run();
                    return null;
                });
                group.forEach(PendingWrite::publish);
                return;
            } catch (RuntimeException e) {
                if (stepDown.hasRun()) {
                    // The statements ran and flushed: the commit itself failed.
                    settleFailedCommit(group, e);
                    return;
                }
                if (Contention.isContention(e)) {
                    group.forEach(write -> write.fail(e));
                    return;
                }
                LOG.debugf(e, "A group of %d writes failed; running them one by one", group.size());
            }
        }
        for (var write : group) {
            var commitFailure = write.runAlone(transactions, beforeCommit);
            if (commitFailure != null) {
                settleFailedCommit(List.of(write), commitFailure);
            }
        }
    }

    /**
     * Answers the writes of a transaction whose commit failed once begun: each one the database
     * kept all the same with its result, the others with the commit's error. None runs again,
     * which could store it twice.
     */
    private void settleFailedCommit(List<PendingWrite<?>> writes, RuntimeException commitFailure) {
        int stored = 0;
        for (var write : writes) {
            if (write.settle(transactions, commitFailure)) {
                stored++;
            }
        }
        LOG.errorf(commitFailure, "The commit of %d write(s) failed; %d found stored all the same and "
                + "answered as committed, %d answered with the failure", writes.size(), stored, writes.size() - stored);
    }

    /** The write of one request, and its outcome once known. */
    private static final class PendingWrite<T> {
        /** The request's thread, which waits for the outcome. */
        final Thread waiter = Thread.currentThread();
        private final Supplier<T> write;
        private final Predicate<T> stored;
        private final String requestId;
        private T candidate;
        private T value;
        private Throwable failure;
        private volatile boolean taken;
        private volatile boolean done;

        PendingWrite(Supplier<T> write, Predicate<T> stored, String requestId) {
            this.write = write;
            this.stored = stored;
            this.requestId = requestId;
        }

        boolean isDone() {
            return done;
        }

        /** Taken into a group: only that group's committer completes it now. */
        boolean isTaken() {
            return taken;
        }

        void take() {
            taken = true;
        }

        /** Runs inside the group's transaction; the value counts only if that commits. */
        void runInGroup() {
            candidate = withRequestId(write);
        }

        void publish() {
            value = candidate;
            done = true;
        }

        /**
         * Runs in a transaction of its own; {@code beforeCommit} once the write's statements have
         * run. Returns the failure of a commit that had begun, for the caller to settle (the write
         * is then not done yet); null otherwise.
         */
        RuntimeException runAlone(Transactions transactions, Runnable beforeCommit) {
            var statementsRan = new AtomicBoolean();
            try {
                value = transactions.inNewTransaction(() -> {
                    candidate = withRequestId(write);
                    beforeCommit.run();
                    statementsRan.set(true);
                    return candidate;
                });
                done = true;
            } catch (RuntimeException e) {
                if (statementsRan.get()) {
                    return e;
                }
                fail(e);
            } catch (Throwable e) {
                fail(e);
            }
            return null;
        }

        /**
         * After its transaction's commit failed once begun: done with the result it returned in
         * that transaction if the database kept it, else with the failure. Returns whether it was kept.
         */
        boolean settle(Transactions transactions, RuntimeException commitFailure) {
            try {
                if (candidate != null && transactions.<Boolean>inNewTransaction(() -> stored.test(candidate))) {
                    publish();
                    return true;
                }
            } catch (RuntimeException lookupFailed) {
                commitFailure.addSuppressed(lookupFailed);
            }
            fail(commitFailure);
            return false;
        }

        void fail(Throwable e) {
            failure = e;
            done = true;
        }

        T result() {
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            if (failure != null) {
                throw new IllegalStateException(failure);
            }
            return value;
        }

        private T withRequestId(Supplier<T> work) {
            var previous = MDC.get(RequestIdFilter.MDC_KEY);
            putOrRemove(requestId);
            try {
                return work.get();
            } finally {
                putOrRemove(previous == null ? null : previous.toString());
            }
        }

        private static void putOrRemove(String id) {
            if (id == null) {
                MDC.remove(RequestIdFilter.MDC_KEY);
            } else {
                MDC.put(RequestIdFilter.MDC_KEY, id);
            }
        }
    }

    /** A new transaction around a piece of work, with the same exception mapping as every other write. */
    @ApplicationScoped
    public static class Transactions {

        @Transactional(Transactional.TxType.REQUIRES_NEW)
        public <T> T inNewTransaction(Supplier<T> work) {
            return work.get();
        }
    }

    /**
     * Failures that mean the database is busy rather than that a write is wrong ({@code
     * RollbackException}: the transaction outlived its timeout). A failed commit is settled before
     * this is asked (see {@link GroupCommit#settleFailedCommit}).
     */
    static final class Contention {

        private Contention() {
        }

        static boolean isContention(Throwable e) {
            for (var cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
                if (cause instanceof jakarta.persistence.LockTimeoutException
                        || cause instanceof jakarta.persistence.PessimisticLockException
                        || cause instanceof jakarta.persistence.QueryTimeoutException
                        || cause instanceof org.hibernate.exception.LockAcquisitionException
                        || cause instanceof org.hibernate.PessimisticLockException
                        || cause instanceof org.hibernate.QueryTimeoutException
                        || cause instanceof jakarta.transaction.RollbackException) {
                    return true;
                }
            }
            return false;
        }
    }
}
