package org.protocolregistry.testing;

import java.sql.Connection;
import java.sql.SQLException;

import jakarta.persistence.EntityManager;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.hibernate.Session;

/**
 * Makes the database, not the transaction manager, fail a transaction's commit: the current
 * transaction's physical connection is closed just before the commit, after every flush. The
 * closed connection goes back to the pool: flush the pool's idle connections afterwards.
 */
public final class FailingCommit {

    private FailingCommit() {
    }

    /** The commit fails and nothing is stored. */
    public static void ofCurrentTransaction(EntityManager entityManager,
            TransactionSynchronizationRegistry synchronizations) {
        beforeCommit(entityManager, synchronizations, false);
    }

    /**
     * The commit fails after the transaction has taken effect: the shape of H2 2.4.240's failure
     * ("MVStoreException: Position 0" thrown by COMMIT, the transaction's rows stored all the same).
     */
    public static void afterTakingEffect(EntityManager entityManager,
            TransactionSynchronizationRegistry synchronizations) {
        beforeCommit(entityManager, synchronizations, true);
    }

    private static void beforeCommit(EntityManager entityManager, TransactionSynchronizationRegistry synchronizations,
            boolean commitFirst) {
        Connection physical = entityManager.unwrap(Session.class)
                .doReturningWork(connection -> connection.unwrap(Connection.class));
        synchronizations.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                try {
                    if (commitFirst) {
                        physical.commit();
                    }
                    physical.close();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public void afterCompletion(int status) {
            }
        });
    }
}
