package org.protocolregistry.validation.rules;

import static org.protocolregistry.validation.rules.Sections.emergency;
import static org.protocolregistry.validation.rules.Sections.setting;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

import org.protocolregistry.protocol.document.ProtocolDocument;
import org.protocolregistry.protocol.document.ProtocolDocument.DischargeCriterion;
import org.protocolregistry.protocol.document.ProtocolDocument.EmergencyEquipment;
import org.protocolregistry.protocol.document.ProtocolDocument.SettingType;
import org.protocolregistry.validation.Findings;
import org.protocolregistry.validation.Rule;
import org.protocolregistry.validation.RuleCategory;
import org.protocolregistry.validation.Severity;
import org.protocolregistry.validation.Thresholds;

/** The setting rules (SET-001 to SET-008): where and how long participants are dosed, and how they leave. */
final class SettingRules {

    private static final String TYPE = "/setting/type";
    private static final String SESSION_DURATION = "/setting/sessionDurationHours";
    private static final String OVERNIGHT_STAY = "/setting/overnightStay";
    private static final String DISCHARGE_CRITERIA = "/setting/dischargeCriteria";
    private static final String ESCORT_REQUIRED = "/setting/escortRequired";
    private static final String WRITTEN_PLAN = "/setting/emergency/writtenPlan";
    private static final String PHYSICIAN_ON_CALL = "/setting/emergency/physicianOnCall";
    private static final String EQUIPMENT = "/setting/emergency/equipment";
    private static final String MAX_RESPONSE_MINUTES = "/setting/emergency/maxResponseMinutes";
    private static final String FLUID_MANAGEMENT_PLAN = "/setting/fluidManagementPlan";

    private static final Set<SettingType> UNCONTROLLED_SETTINGS =
            Set.of(SettingType.HOME, SettingType.RETREAT, SettingType.OTHER);
    private static final String CLINICAL_SETTINGS = "HOSPITAL, CLINICAL_RESEARCH_UNIT or OUTPATIENT_CLINIC";
    private static final BigDecimal MIN_SESSION_HOURS = BigDecimal.valueOf(6);
    private static final BigDecimal RECOMMENDED_SESSION_HOURS = BigDecimal.valueOf(8);
    private static final List<DischargeCriterion> REQUIRED_DISCHARGE_CRITERIA = List.of(
            DischargeCriterion.ACUTE_EFFECTS_RESOLVED, DischargeCriterion.VITALS_AT_BASELINE,
            DischargeCriterion.CLINICIAN_SIGN_OFF);

    static final Rule SET_001 = new Rule("SET-001", RuleCategory.SETTING, Set.of(Severity.ERROR),
            "Dosing takes place in a clinical setting",
            "setting.type is missing, HOME, RETREAT or OTHER.",
            "Dosing belongs in a controlled clinical setting.", List.of()) {
        @Override
        public void check(ProtocolDocument document, Thresholds thresholds, Findings findings) {
            var type = setting(document).type();
            if (type == null) {
                findings.report(this, Severity.ERROR, TYPE,
                        "The setting type is missing; dose in a controlled clinical setting: " + CLINICAL_SETTINGS
                                + ".");
            } else if (UNCONTROLLED_SETTINGS.contains(type)) {
                findings.report(this, Severity.ERROR, TYPE,
                        "The setting type is " + type + ", not a controlled clinical setting; dose in a "
                                + CLINICAL_SETTINGS + ".");
            }
        }
    };

    static final Rule SET_002 = new Rule("SET-002", RuleCategory.SETTING, Set.of(Severity.ERROR, Severity.WARNING),
            "Dosing sessions last long enough",
            "setting.sessionDurationHours is missing or below 6 hours (ERROR), or from 6 to under 8 hours "
                    + "(WARNING).",
            "Effects last up to ~8 h; cardiovascular effects take ~6 h to settle; MAPS sessions ran 8 h.",
            List.of()) {
        @Override
        public void check(ProtocolDocument document, Thresholds thresholds, Findings findings) {
            var hours = setting(document).sessionDurationHours();
            if (hours == null) {
                findings.report(this, Severity.ERROR, SESSION_DURATION,
                        "The session duration is missing; state sessionDurationHours, at least "
                                + show(RECOMMENDED_SESSION_HOURS) + " hours as in MAPS sessions (effects last up "
                                + "to about 8 hours).");
            } else if (hours.compareTo(MIN_SESSION_HOURS) < 0) {
                findings.report(this, Severity.ERROR, SESSION_DURATION,
                        "Dosing sessions last " + show(hours) + " hours, less than the " + show(MIN_SESSION_HOURS)
                                + " hours cardiovascular effects take to settle; plan at least "
                                + show(RECOMMENDED_SESSION_HOURS) + " hours as in MAPS sessions.");
            } else if (hours.compareTo(RECOMMENDED_SESSION_HOURS) < 0) {
                findings.report(this, Severity.WARNING, SESSION_DURATION,
                        "Dosing sessions last " + show(hours) + " hours, less than the "
                                + show(RECOMMENDED_SESSION_HOURS) + " hours effects can last and MAPS sessions "
                                + "ran; extend them to " + show(RECOMMENDED_SESSION_HOURS) + " hours or justify "
                                + "the shorter session to the board.");
            }
        }
    };

    static final Rule SET_003 = new Rule("SET-003", RuleCategory.SETTING, Set.of(Severity.WARNING),
            "Participants stay overnight",
            "setting.overnightStay is not true.",
            "FDA put a 2022 MAPS study on hold for lacking an overnight stay; MAPP1 required one.", List.of()) {
        @Override
        public void check(ProtocolDocument document, Thresholds thresholds, Findings findings) {
            var overnightStay = setting(document).overnightStay();
            if (Values.isNotTrue(overnightStay)) {
                findings.report(this, Severity.WARNING, OVERNIGHT_STAY,
                        "An overnight stay is not planned (overnightStay is " + stated(overnightStay) + "); keep "
                                + "participants overnight after each dosing session, as MAPP1 required, and set "
                                + "overnightStay to true.");
            }
        }
    };

    static final Rule SET_004 = new Rule("SET-004", RuleCategory.SETTING, Set.of(Severity.ERROR),
            "Discharge needs resolved effects, baseline vitals and a clinician",
            "setting.dischargeCriteria lacks any of ACUTE_EFFECTS_RESOLVED, VITALS_AT_BASELINE and "
                    + "CLINICIAN_SIGN_OFF; one finding names every missing criterion.",
            "Safe release needs resolved effects, baseline vitals and a clinician's decision (MAPS treatment "
                    + "manual; FDA 2023 draft guidance).",
            List.of()) {
        @Override
        public void check(ProtocolDocument document, Thresholds thresholds, Findings findings) {
            var criteria = setting(document).dischargeCriteria();
            var missing = Values.lacking(criteria, REQUIRED_DISCHARGE_CRITERIA);
            if (!missing.isEmpty()) {
                findings.report(this, Severity.ERROR, DISCHARGE_CRITERIA,
                        "The discharge criteria lack " + Values.names(missing) + " (stated: " + listed(criteria)
                                + "); add them, so that a participant leaves only when acute effects have "
                                + "resolved, vitals are back at baseline and a clinician signs off.");
            }
        }
    };

    static final Rule SET_005 = new Rule("SET-005", RuleCategory.SETTING, Set.of(Severity.ERROR),
            "Participants are escorted home",
            "setting.escortRequired is not true.",
            "MAPP participants were driven home; no driving after dosing.", List.of()) {
        @Override
        public void check(ProtocolDocument document, Thresholds thresholds, Findings findings) {
            var escortRequired = setting(document).escortRequired();
            if (Values.isNotTrue(escortRequired)) {
                findings.report(this, Severity.ERROR, ESCORT_REQUIRED,
                        "An escort home is not required (escortRequired is " + stated(escortRequired) + "); "
                                + "require that a named person drives the participant home, with no driving "
                                + "after dosing, and set escortRequired to true.");
            }
        }
    };

    static final Rule SET_006 = new Rule("SET-006", RuleCategory.SETTING, Set.of(Severity.ERROR),
            "Emergencies are prepared for",
            "setting.emergency.writtenPlan is not true, setting.emergency.physicianOnCall is not true, or "
                    + "setting.emergency.equipment lacks an AED; one finding each.",
            "A sympathomimetic can cause cardiovascular events and hyperthermia.", List.of()) {
        @Override
        public void check(ProtocolDocument document, Thresholds thresholds, Findings findings) {
            var emergency = emergency(document);
            if (Values.isNotTrue(emergency.writtenPlan())) {
                findings.report(this, Severity.ERROR, WRITTEN_PLAN,
                        "There is no written emergency plan (writtenPlan is " + stated(emergency.writtenPlan())
                                + "); write one covering cardiovascular events and hyperthermia and set "
                                + "writtenPlan to true.");
            }
            if (Values.isNotTrue(emergency.physicianOnCall())) {
                findings.report(this, Severity.ERROR, PHYSICIAN_ON_CALL,
                        "No physician is on call (physicianOnCall is " + stated(emergency.physicianOnCall())
                                + "); have a physician on call throughout every dosing session and set "
                                + "physicianOnCall to true.");
            }
            var equipment = emergency.equipment();
            if (!Values.lacking(equipment, List.of(EmergencyEquipment.AED)).isEmpty()) {
                findings.report(this, Severity.ERROR, EQUIPMENT,
                        "The emergency equipment lacks an AED (stated: " + listed(equipment) + "); keep an AED "
                                + "where participants are dosed and add AED to the list.");
            }
        }
    };

    static final Rule SET_007 = new Rule("SET-007", RuleCategory.SETTING, Set.of(Severity.WARNING),
            "Emergency help arrives quickly",
            "setting.emergency.maxResponseMinutes is missing or above the maximum emergency response time.",
            "Medical help must be close at hand.", List.of(Thresholds.MAX_EMERGENCY_RESPONSE_MINUTES)) {
        @Override
        public void check(ProtocolDocument document, Thresholds thresholds, Findings findings) {
            var minutes = emergency(document).maxResponseMinutes();
            var limit = thresholds.maxEmergencyResponseMinutes();
            if (minutes == null) {
                findings.report(this, Severity.WARNING, MAX_RESPONSE_MINUTES,
                        "The emergency response time is missing; state maxResponseMinutes, at most " + limit
                                + " minutes.");
            } else if (minutes > limit) {
                findings.report(this, Severity.WARNING, MAX_RESPONSE_MINUTES,
                        "Emergency help may take " + minutes + " minutes to arrive, more than the " + limit
                                + "-minute maximum; arrange medical help within " + limit + " minutes.");
            }
        }
    };

    static final Rule SET_008 = new Rule("SET-008", RuleCategory.SETTING, Set.of(Severity.WARNING),
            "Fluid intake is managed",
            "setting.fluidManagementPlan is not true.",
            "About 31% of volunteers developed hyponatraemia after one dose with free fluid intake, none with "
                    + "restriction (pooled Basel analysis, 2024).",
            List.of()) {
        @Override
        public void check(ProtocolDocument document, Thresholds thresholds, Findings findings) {
            var plan = setting(document).fluidManagementPlan();
            if (Values.isNotTrue(plan)) {
                findings.report(this, Severity.WARNING, FLUID_MANAGEMENT_PLAN,
                        "There is no fluid management plan (fluidManagementPlan is " + stated(plan) + "); plan "
                                + "restricted fluid intake during sessions to prevent hyponatraemia and set "
                                + "fluidManagementPlan to true.");
            }
        }
    };

    private SettingRules() {
    }

    static List<Rule> all() {
        return List.of(SET_001, SET_002, SET_003, SET_004, SET_005, SET_006, SET_007, SET_008);
    }

    private static String stated(Boolean value) {
        return value == null ? "not stated" : value.toString();
    }

    /** The codes stated, in the order the contract declares them, so that the message is stable. */
    private static <T extends Enum<T>> String listed(Set<T> codes) {
        return Values.isMissing(codes) ? "none" : Values.list(codes.stream().sorted().toList());
    }

    /**
     * A number for a message. Values.number strips trailing zeros, which overflows the scale of a value such
     * as 1000e2147483647 (the parser accepts it), so such exponents are shown as they are.
     */
    private static String show(BigDecimal value) {
        if (value.scale() < Integer.MIN_VALUE + 1_000_000) {
            return value.toString();
        }
        return Values.number(value);
    }
}
