package org.protocolregistry.idempotency;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How long idempotency keys are remembered ({@code registry.idempotency.*}). */
@ConfigMapping(prefix = "registry.idempotency")
public interface IdempotencyConfig {

    /** How long a stored response is replayed for its key; after that the key is new again. */
    @WithDefault("24h")
    Duration ttl();

    /**
     * How long a request may hold its key before a retry may take the key over: longer than any
     * request takes, so only the claim of a request whose replica died is ever taken over.
     */
    @WithDefault("30s")
    Duration inFlightTimeout();
}
