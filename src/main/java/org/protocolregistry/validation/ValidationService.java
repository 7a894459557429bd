package org.protocolregistry.validation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.protocolregistry.protocol.document.ProtocolDocument;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The safety validator with the configured thresholds, instrumented: validations are timed
 * and findings counted by rule and severity.
 */
@ApplicationScoped
public class ValidationService {

    /** Metric: findings reported, tagged rule and severity (Prometheus: registry_validation_findings_total). */
    public static final String FINDINGS_METRIC = "registry.validation.findings";
    /** Metric: time spent validating one document (Prometheus: registry_validation_seconds). */
    public static final String DURATION_METRIC = "registry.validation";

    private final SafetyValidator validator;
    private final Timer duration;
    private final Map<String, Counter> findingCounters = new HashMap<>();
    private final ObjectMapper json;

    @Inject
    public ValidationService(RulesConfig config, MeterRegistry meters, ObjectMapper json) {
        var thresholds = config.thresholds();
        requireConsistent(thresholds);
        this.validator = new SafetyValidator(thresholds);
        this.json = json;
        this.duration = Timer.builder(DURATION_METRIC).description("Time to validate one protocol document")
                .register(meters);
        for (var rule : validator.rules()) {
            for (var severity : rule.severities()) {
                findingCounters.put(key(rule.id(), severity), Counter.builder(FINDINGS_METRIC)
                        .description("Validation findings reported, by rule and severity")
                        .tag("rule", rule.id()).tag("severity", severity.name())
                        .register(meters));
            }
        }
    }

    public ValidationReport validate(ProtocolDocument document) {
        var report = duration.record(() -> validator.validate(document));
        for (var finding : report.findings()) {
            findingCounters.get(key(finding.ruleId(), finding.severity())).increment();
        }
        return report;
    }

    /** The report as stored with a version. */
    public String toJson(ValidationReport report) {
        try {
            return json.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a validation report always serializes", e);
        }
    }

    public List<Rule> rules() {
        return validator.rules();
    }

    public Thresholds thresholds() {
        return validator.thresholds();
    }

    private static String key(String ruleId, Severity severity) {
        return ruleId + ' ' + severity;
    }

    /** Refuses to start with thresholds that contradict each other or make no sense. */
    private static void requireConsistent(Thresholds thresholds) {
        if (thresholds.warnInitialDoseMg().compareTo(thresholds.maxInitialDoseMg()) > 0) {
            throw new IllegalStateException("registry.rules.dose.warn-initial-mg (" + thresholds.warnInitialDoseMg()
                    + ") must not exceed registry.rules.dose.max-initial-mg (" + thresholds.maxInitialDoseMg() + ")");
        }
        if (thresholds.minMonitors() < 1 || thresholds.maxEmergencyResponseMinutes() < 0
                || thresholds.maxMgPerKg().signum() <= 0 || thresholds.maxSessionTotalMg().signum() <= 0) {
            throw new IllegalStateException("registry.rules thresholds must be positive: " + thresholds.byKey());
        }
    }
}
