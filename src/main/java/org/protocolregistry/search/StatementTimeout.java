package org.protocolregistry.search;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Query;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.jpa.SpecHints;

/**
 * The time limit for statements whose cost depends on the caller's filters (searches, exports,
 * statistics): the database cancels them after {@code registry.search.statement-timeout}, so a
 * pathological query gives its connection back instead of holding it; the caller gets a 503
 * problem (a {@link jakarta.persistence.QueryTimeoutException}). JDBC counts whole seconds.
 *
 * <p>Not on H2. H2 keeps the query timeout per session and changes it with a
 * {@code SET QUERY_TIMEOUT} statement, which makes every session discard its parsed statements;
 * Hibernate sets the timeout before such a statement and resets it when closing it, so each
 * search would throw away every connection's statement cache: about 40 % of a search's CPU time
 * in the load benchmark. The embedded H2 store serves one board's data, where every statement is
 * a bounded scan; the transaction timeout still rolls back anything that runs too long.
 */
@ApplicationScoped
public class StatementTimeout {

    @ConfigProperty(name = "registry.search.statement-timeout", defaultValue = "10S")
    Duration limit;

    @ConfigProperty(name = "quarkus.datasource.db-kind")
    String databaseKind;

    /** Applies the configured limit to the query, where the database supports it cheaply (not H2). */
    public <Q extends Query> Q apply(Q query) {
        return "h2".equals(databaseKind) ? query : limit(query, limit);
    }

    /** Limits the query to the given time (at least one second), whatever the database. */
    public static <Q extends Query> Q limit(Q query, Duration limit) {
        var seconds = Math.max(1, (limit.toMillis() + 999) / 1000);
        query.setHint(SpecHints.HINT_SPEC_QUERY_TIMEOUT, (int) (seconds * 1000));
        return query;
    }
}
