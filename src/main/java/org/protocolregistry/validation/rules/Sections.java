package org.protocolregistry.validation.rules;

import java.util.List;
import java.util.Set;

import org.protocolregistry.protocol.document.ProtocolDocument;
import org.protocolregistry.protocol.document.ProtocolDocument.AdverseEvents;
import org.protocolregistry.protocol.document.ProtocolDocument.Blinding;
import org.protocolregistry.protocol.document.ProtocolDocument.ConcomitantMedications;
import org.protocolregistry.protocol.document.ProtocolDocument.Condition;
import org.protocolregistry.protocol.document.ProtocolDocument.Consent;
import org.protocolregistry.protocol.document.ProtocolDocument.DataMonitoringCommittee;
import org.protocolregistry.protocol.document.ProtocolDocument.Dosing;
import org.protocolregistry.protocol.document.ProtocolDocument.Ecg;
import org.protocolregistry.protocol.document.ProtocolDocument.Eligibility;
import org.protocolregistry.protocol.document.ProtocolDocument.Emergency;
import org.protocolregistry.protocol.document.ProtocolDocument.Ethics;
import org.protocolregistry.protocol.document.ProtocolDocument.ExpeditedReporting;
import org.protocolregistry.protocol.document.ProtocolDocument.FollowUp;
import org.protocolregistry.protocol.document.ProtocolDocument.Ind;
import org.protocolregistry.protocol.document.ProtocolDocument.Psychotherapy;
import org.protocolregistry.protocol.document.ProtocolDocument.Registration;
import org.protocolregistry.protocol.document.ProtocolDocument.Regulatory;
import org.protocolregistry.protocol.document.ProtocolDocument.SafetyMonitoring;
import org.protocolregistry.protocol.document.ProtocolDocument.ScheduleI;
import org.protocolregistry.protocol.document.ProtocolDocument.Setting;
import org.protocolregistry.protocol.document.ProtocolDocument.StoppingRules;
import org.protocolregistry.protocol.document.ProtocolDocument.Suicidality;
import org.protocolregistry.protocol.document.ProtocolDocument.Supervision;
import org.protocolregistry.protocol.document.ProtocolDocument.VitalSignThresholds;
import org.protocolregistry.protocol.document.ProtocolDocument.VitalSigns;

/**
 * Null-safe access to the document's sections: a missing section reads as one whose fields
 * are all missing, so each rule reports the fields it needs ("a whole missing section
 * yields the findings of each of its fields, not a crash").
 */
final class Sections {

    private static final Registration REGISTRATION =
            new Registration(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    private static final Condition CONDITION = new Condition(null, null, null, null, null, null);
    private static final Dosing DOSING = new Dosing(null, null, null, null, null, null, null, null, null, null);
    private static final Psychotherapy PSYCHOTHERAPY = new Psychotherapy(null, null, null, null, null);
    private static final Setting SETTING = new Setting(null, null, null, null, null, null, null);
    private static final Emergency EMERGENCY = new Emergency(null, null, null, null);
    private static final Supervision SUPERVISION = new Supervision(null, null, null);
    private static final SafetyMonitoring SAFETY_MONITORING =
            new SafetyMonitoring(null, null, null, null, null, null, null);
    private static final VitalSigns VITAL_SIGNS = new VitalSigns(null, null, null, null);
    private static final VitalSignThresholds VITAL_SIGN_THRESHOLDS = new VitalSignThresholds(null, null, null, null);
    private static final Ecg ECG = new Ecg(null, null);
    private static final Suicidality SUICIDALITY = new Suicidality(null, null);
    private static final AdverseEvents ADVERSE_EVENTS = new AdverseEvents(null, null, null, null, null, null);
    private static final ExpeditedReporting EXPEDITED_REPORTING = new ExpeditedReporting(null, null);
    private static final DataMonitoringCommittee DATA_MONITORING_COMMITTEE =
            new DataMonitoringCommittee(null, null, null, null);
    private static final StoppingRules STOPPING_RULES = new StoppingRules(null, null);
    private static final Eligibility ELIGIBILITY = new Eligibility(null, null, null, null, null);
    private static final ConcomitantMedications CONCOMITANT_MEDICATIONS =
            new ConcomitantMedications(null, null, null, null);
    private static final Blinding BLINDING = new Blinding(null, null);
    private static final FollowUp FOLLOW_UP = new FollowUp(null, null, null, null);
    private static final Regulatory REGULATORY = new Regulatory(null, null, null, null, null);
    private static final Ind IND = new Ind(null, null);
    private static final ScheduleI SCHEDULE_I = new ScheduleI(null, null);
    private static final Ethics ETHICS = new Ethics(null, null, null, null);
    private static final Consent CONSENT = new Consent(null, null, null);

    private Sections() {
    }

    static <T> T or(T value, T empty) {
        return value == null ? empty : value;
    }

    /** A list that may be absent, as an empty list. */
    static <T> List<T> list(List<T> values) {
        return values == null ? List.of() : values;
    }

    /** A set of codes that may be absent, as an empty set. */
    static <T> Set<T> set(Set<T> values) {
        return values == null ? Set.of() : values;
    }

    static Registration registration(ProtocolDocument d) {
        return or(d.registration(), REGISTRATION);
    }

    static Condition condition(ProtocolDocument d) {
        return or(d.condition(), CONDITION);
    }

    static Dosing dosing(ProtocolDocument d) {
        return or(d.dosing(), DOSING);
    }

    static Psychotherapy psychotherapy(ProtocolDocument d) {
        return or(d.psychotherapy(), PSYCHOTHERAPY);
    }

    static Setting setting(ProtocolDocument d) {
        return or(d.setting(), SETTING);
    }

    static Emergency emergency(ProtocolDocument d) {
        return or(setting(d).emergency(), EMERGENCY);
    }

    static Supervision supervision(ProtocolDocument d) {
        return or(d.supervision(), SUPERVISION);
    }

    static SafetyMonitoring safetyMonitoring(ProtocolDocument d) {
        return or(d.safetyMonitoring(), SAFETY_MONITORING);
    }

    static VitalSigns vitalSigns(ProtocolDocument d) {
        return or(safetyMonitoring(d).vitalSigns(), VITAL_SIGNS);
    }

    static VitalSignThresholds vitalSignThresholds(ProtocolDocument d) {
        return or(vitalSigns(d).thresholds(), VITAL_SIGN_THRESHOLDS);
    }

    static Ecg ecg(ProtocolDocument d) {
        return or(safetyMonitoring(d).ecg(), ECG);
    }

    static Suicidality suicidality(ProtocolDocument d) {
        return or(safetyMonitoring(d).suicidality(), SUICIDALITY);
    }

    static AdverseEvents adverseEvents(ProtocolDocument d) {
        return or(safetyMonitoring(d).adverseEvents(), ADVERSE_EVENTS);
    }

    static ExpeditedReporting expeditedReporting(ProtocolDocument d) {
        return or(adverseEvents(d).expeditedReporting(), EXPEDITED_REPORTING);
    }

    static DataMonitoringCommittee dataMonitoringCommittee(ProtocolDocument d) {
        return or(safetyMonitoring(d).dataMonitoringCommittee(), DATA_MONITORING_COMMITTEE);
    }

    static StoppingRules stoppingRules(ProtocolDocument d) {
        return or(safetyMonitoring(d).stoppingRules(), STOPPING_RULES);
    }

    static Eligibility eligibility(ProtocolDocument d) {
        return or(d.eligibility(), ELIGIBILITY);
    }

    static ConcomitantMedications concomitantMedications(ProtocolDocument d) {
        return or(d.concomitantMedications(), CONCOMITANT_MEDICATIONS);
    }

    static Blinding blinding(ProtocolDocument d) {
        return or(d.blinding(), BLINDING);
    }

    static FollowUp followUp(ProtocolDocument d) {
        return or(d.followUp(), FOLLOW_UP);
    }

    static Regulatory regulatory(ProtocolDocument d) {
        return or(d.regulatory(), REGULATORY);
    }

    static Ind ind(ProtocolDocument d) {
        return or(regulatory(d).ind(), IND);
    }

    static ScheduleI scheduleI(ProtocolDocument d) {
        return or(regulatory(d).scheduleI(), SCHEDULE_I);
    }

    static Ethics ethics(ProtocolDocument d) {
        return or(regulatory(d).ethics(), ETHICS);
    }

    static Consent consent(ProtocolDocument d) {
        return or(regulatory(d).consent(), CONSENT);
    }
}
