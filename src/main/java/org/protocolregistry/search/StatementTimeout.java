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
 */
@ApplicationScoped
public class StatementTimeout {

    @ConfigProperty(name = "registry.search.statement-timeout", defaultValue = "10S")
    Duration limit;

    /** Applies the configured limit to the query. */
    public <Q extends Query> Q apply(Q query) {
        return apply(query, limit);
    }

    /** Applies the given limit to the query (at least one second). */
    public static <Q extends Query> Q apply(Q query, Duration limit) {
        query.setHint(SpecHints.HINT_SPEC_QUERY_TIMEOUT, (int) Math.max(1_000, limit.toMillis()));
        return query;
    }
}
