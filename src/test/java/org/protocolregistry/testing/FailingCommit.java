package org.protocolregistry.testing;

import java.sql.Connection;
import java.sql.SQLException;

import jakarta.persistence.EntityManager;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.hibernate.Session;

/** Makes the database, not the transaction manager, fail a transaction's commit. */
public final class FailingCommit {

    private FailingCommit() {
    }

    /**
     * Closes the current transaction's physical connection just before its commit, after every
     * flush, so that the commit fails in the database: the shape of H2 2.4.240's failure at commit.
     * The closed connection goes back to the pool: flush the pool's idle connections afterwards.
     */
    public static void ofCurrentTransaction(EntityManager entityManager,
            TransactionSynchronizationRegistry synchronizations) {
        Connection physical = entityManager.unwrap(Session.class)
                .doReturningWork(connection -> connection.unwrap(Connection.class));
        synchronizations.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                try {
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
