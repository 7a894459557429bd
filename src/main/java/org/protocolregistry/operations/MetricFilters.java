package org.protocolregistry.operations;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.config.MeterFilter;

/** Filters applied to every meter registry (Quarkus picks up MeterFilter beans). */
@Singleton
public class MetricFilters {

    /**
     * Drops {@code jvm_info}: its labels carry the exact Java runtime version, and no response of
     * the registry discloses versions of its stack. Operators know what they deploy.
     */
    @Produces
    @Singleton
    public MeterFilter withoutJvmVersion() {
        return MeterFilter.denyNameStartsWith("jvm.info");
    }
}
