package org.protocolregistry.validation;

import java.math.BigDecimal;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The rule set's configurable thresholds ({@code registry.rules.*}), with the catalogue's
 * defaults. A stricter ethics board may tighten them.
 */
@ConfigMapping(prefix = "registry.rules")
public interface RulesConfig {

    Dose dose();

    SettingLimits setting();

    SupervisionLimits supervision();

    Monitoring monitoring();

    /** Dose limits (DOSE-003, DOSE-006, DOSE-010). */
    interface Dose {
        /** Largest initial dose in mg; above it DOSE-003 is an ERROR. */
        @WithDefault("125")
        BigDecimal maxInitialMg();

        /** Initial dose in mg above which DOSE-003 warns. */
        @WithDefault("120")
        BigDecimal warnInitialMg();

        /** Largest initial dose per kg of minimum body weight (DOSE-010). */
        @WithDefault("2.0")
        BigDecimal maxMgPerKg();

        /** Largest total dose in mg per session (DOSE-006). */
        @WithDefault("180")
        BigDecimal maxSessionTotalMg();
    }

    /** Setting limits (SET-007). */
    interface SettingLimits {
        /** Longest acceptable emergency response time in minutes. */
        @WithDefault("15")
        int maxEmergencyResponseMinutes();
    }

    /** Supervision limits (SUP-001). */
    interface SupervisionLimits {
        /** Fewest monitors per participant. */
        @WithDefault("2")
        int minMonitors();
    }

    /** Vital-sign stop limits (MON-004); higher is looser. */
    interface Monitoring {
        /** Highest acceptable systolic stop limit, mmHg. */
        @WithDefault("160")
        BigDecimal maxSystolicMmhg();

        /** Highest acceptable diastolic stop limit, mmHg. */
        @WithDefault("110")
        BigDecimal maxDiastolicMmhg();

        /** Highest acceptable heart-rate stop limit, beats per minute. */
        @WithDefault("110")
        BigDecimal maxHeartRateBpm();

        /** Highest acceptable temperature stop limit, °C. */
        @WithDefault("38.5")
        BigDecimal maxTemperatureC();
    }

    /** The configured values as the validator's thresholds. */
    default Thresholds thresholds() {
        return new Thresholds(dose().maxInitialMg(), dose().warnInitialMg(), dose().maxMgPerKg(),
                dose().maxSessionTotalMg(), setting().maxEmergencyResponseMinutes(), supervision().minMonitors(),
                monitoring().maxSystolicMmhg(), monitoring().maxDiastolicMmhg(), monitoring().maxHeartRateBpm(),
                monitoring().maxTemperatureC());
    }
}
