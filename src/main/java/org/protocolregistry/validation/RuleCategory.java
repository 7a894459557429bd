package org.protocolregistry.validation;

/** The sections of the rule catalogue. */
public enum RuleCategory {
    GATE, DOSE, SETTING, SUPERVISION, PSYCHOTHERAPY, SAFETY_MONITORING, ELIGIBILITY, CONCOMITANT_MEDICATION,
    OUTCOMES_AND_DESIGN, REGISTRATION_AND_REGULATORY, FOLLOW_UP
}
