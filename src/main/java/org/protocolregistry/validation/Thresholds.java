package org.protocolregistry.validation;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The configurable limits of the rule set (the catalogue's *cfg* values). A stricter
 * ethics board may tighten them; the report records those in force.
 */
public record Thresholds(
        BigDecimal maxInitialDoseMg,
        BigDecimal warnInitialDoseMg,
        BigDecimal maxMgPerKg,
        BigDecimal maxSessionTotalMg,
        int maxEmergencyResponseMinutes,
        int minMonitors,
        BigDecimal maxSystolicMmHg,
        BigDecimal maxDiastolicMmHg,
        BigDecimal maxHeartRateBpm,
        BigDecimal maxTemperatureC) {

    /** Configuration keys, relative to {@code registry.rules}. */
    public static final String MAX_INITIAL_DOSE_MG = "dose.max-initial-mg";
    public static final String WARN_INITIAL_DOSE_MG = "dose.warn-initial-mg";
    public static final String MAX_MG_PER_KG = "dose.max-mg-per-kg";
    public static final String MAX_SESSION_TOTAL_MG = "dose.max-session-total-mg";
    public static final String MAX_EMERGENCY_RESPONSE_MINUTES = "setting.max-emergency-response-minutes";
    public static final String MIN_MONITORS = "supervision.min-monitors";
    public static final String MAX_SYSTOLIC_MMHG = "monitoring.max-systolic-mmhg";
    public static final String MAX_DIASTOLIC_MMHG = "monitoring.max-diastolic-mmhg";
    public static final String MAX_HEART_RATE_BPM = "monitoring.max-heart-rate-bpm";
    public static final String MAX_TEMPERATURE_C = "monitoring.max-temperature-c";

    /** The catalogue's defaults (rule set 2026.1). */
    public static final Thresholds DEFAULTS = new Thresholds(
            new BigDecimal("125"), new BigDecimal("120"), new BigDecimal("2.0"), new BigDecimal("180"),
            15, 2,
            new BigDecimal("160"), new BigDecimal("110"), new BigDecimal("110"), new BigDecimal("38.5"));

    /** Every threshold by its configuration key, in catalogue order. */
    public Map<String, Object> byKey() {
        var values = new LinkedHashMap<String, Object>();
        values.put(MAX_INITIAL_DOSE_MG, maxInitialDoseMg);
        values.put(WARN_INITIAL_DOSE_MG, warnInitialDoseMg);
        values.put(MAX_MG_PER_KG, maxMgPerKg);
        values.put(MAX_SESSION_TOTAL_MG, maxSessionTotalMg);
        values.put(MAX_EMERGENCY_RESPONSE_MINUTES, maxEmergencyResponseMinutes);
        values.put(MIN_MONITORS, minMonitors);
        values.put(MAX_SYSTOLIC_MMHG, maxSystolicMmHg);
        values.put(MAX_DIASTOLIC_MMHG, maxDiastolicMmHg);
        values.put(MAX_HEART_RATE_BPM, maxHeartRateBpm);
        values.put(MAX_TEMPERATURE_C, maxTemperatureC);
        return values;
    }
}
