package org.protocolregistry.validation.rules;

import java.util.ArrayList;
import java.util.List;

import org.protocolregistry.validation.Rule;

/** Every rule of rule set 2026.1, in the catalogue's order (safety-rules.md). */
public final class RuleCatalogue {

    private static final List<Rule> RULES = build();

    private RuleCatalogue() {
    }

    public static List<Rule> rules() {
        return RULES;
    }

    private static List<Rule> build() {
        var rules = new ArrayList<Rule>();
        rules.addAll(GateRules.all());
        rules.addAll(DoseRules.all());
        rules.addAll(SettingRules.all());
        rules.addAll(SupervisionRules.all());
        rules.addAll(SafetyMonitoringRules.all());
        rules.addAll(EligibilityRules.all());
        rules.addAll(ConcomitantMedicationRules.all());
        rules.addAll(OutcomeRules.all());
        rules.addAll(RegistrationRules.all());
        rules.addAll(FollowUpRules.all());
        return List.copyOf(rules);
    }
}
