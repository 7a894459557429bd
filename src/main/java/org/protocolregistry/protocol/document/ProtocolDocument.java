package org.protocolregistry.protocol.document;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The sponsor-facing protocol document (contract version 1), field for field as
 * specified in {@code protocol-document.md}.
 *
 * <p>Every field is optional at the JSON level except {@code registration.briefTitle};
 * completeness is the safety validator's job. Decimals are {@link BigDecimal} so that
 * threshold comparisons are exact ({@code > 125} lets 125 pass); counts are
 * {@link Integer} so a fractional value is a parse error. Lists of codes are sets:
 * order does not matter and duplicates are ignored. The typed model cannot tell
 * {@code null} from an absent field; the registry therefore stores and returns the
 * sponsor's JSON, and uses this model only to check it and to read it.
 */
@Schema(name = "ProtocolDocument", description = "A protocol for MDMA-assisted therapy of chronic pain (contract "
        + "version 1). Every field is optional and may be null except registration.briefTitle; unknown properties, "
        + "wrong types, unknown codes and null list elements are refused; lists hold at most 200 elements.")
public record ProtocolDocument(
        Registration registration,
        Condition condition,
        List<Arm> arms,
        Dosing dosing,
        Psychotherapy psychotherapy,
        Setting setting,
        Supervision supervision,
        SafetyMonitoring safetyMonitoring,
        Eligibility eligibility,
        ConcomitantMedications concomitantMedications,
        List<OutcomeMeasure> outcomeMeasures,
        Blinding blinding,
        FollowUp followUp,
        Regulatory regulatory) {

    public record Registration(
            String orgStudyId,
            String briefTitle,
            String officialTitle,
            String acronym,
            List<RegistryId> registryIds,
            Phase phase,
            Allocation allocation,
            StudyModel studyModel,
            Masking masking,
            Set<MaskedRole> maskedRoles,
            PrimaryPurpose primaryPurpose,
            OverallStatus overallStatus,
            Integer plannedEnrollment,
            Set<String> countries,
            String sponsorName) {
    }

    public record RegistryId(Registry registry, String id) {
    }

    public record Condition(
            ConditionCategory category,
            String name,
            String icd10,
            String diagnosticCriteria,
            Integer minDurationMonths,
            BigDecimal minBaselinePainNrs) {
    }

    public record Arm(String label, ArmType type, String description, Comparator comparator) {
    }

    public record Comparator(String name, BigDecimal doseMg) {
    }

    public record Dosing(
            String substance,
            SaltForm saltForm,
            Route route,
            BigDecimal initialDoseMg,
            BigDecimal supplementalDoseMg,
            Integer supplementalDelayMinutes,
            List<String> supplementalHoldCriteria,
            BigDecimal maxSessionTotalMg,
            Integer sessionCount,
            Integer minIntervalDays) {
    }

    public record Psychotherapy(
            Integer preparatorySessions,
            Integer integrationSessionsPerDosing,
            String manualReference,
            Boolean fidelityMonitoring,
            Boolean sessionRecording) {
    }

    public record Setting(
            SettingType type,
            BigDecimal sessionDurationHours,
            Boolean overnightStay,
            Set<DischargeCriterion> dischargeCriteria,
            Boolean escortRequired,
            Emergency emergency,
            Boolean fluidManagementPlan) {
    }

    public record Emergency(
            Boolean writtenPlan,
            Set<EmergencyEquipment> equipment,
            Boolean physicianOnCall,
            Integer maxResponseMinutes) {
    }

    public record Supervision(List<Monitor> monitors, Boolean presentForWholeSession, String trainingProgram) {
    }

    public record Monitor(
            MonitorRole role,
            Boolean licensed,
            Degree degree,
            Integer clinicalExperienceYears,
            Boolean trainedInProtocol) {
    }

    public record SafetyMonitoring(
            VitalSigns vitalSigns,
            Ecg ecg,
            Suicidality suicidality,
            AdverseEvents adverseEvents,
            DataMonitoringCommittee dataMonitoringCommittee,
            StoppingRules stoppingRules,
            PregnancyTesting pregnancyTesting) {
    }

    public record VitalSigns(
            Set<VitalSignMeasure> measures,
            Set<VitalSignTimepoint> timepoints,
            Integer intervalMinutesDuringPeak,
            VitalSignThresholds thresholds) {
    }

    public record VitalSignThresholds(
            BigDecimal systolicMmHg,
            BigDecimal diastolicMmHg,
            BigDecimal heartRateBpm,
            BigDecimal temperatureC) {
    }

    public record Ecg(Boolean baselineTwelveLead, Integer qtcExclusionMs) {
    }

    public record Suicidality(SuicidalityInstrument instrument, Set<SuicidalityTimepoint> timepoints) {
    }

    public record AdverseEvents(
            Boolean systematicCollection,
            AdverseEventCoding coding,
            SeverityGrading severityGrading,
            Boolean causalityAssessment,
            Set<AdverseEventOfSpecialInterest> specialInterest,
            ExpeditedReporting expeditedReporting) {
    }

    public record ExpeditedReporting(Integer seriousUnexpectedDays, Integer fatalOrLifeThreateningDays) {
    }

    public record DataMonitoringCommittee(
            Boolean exists,
            Boolean independent,
            Boolean charter,
            String justificationIfNone) {
    }

    public record StoppingRules(List<String> participant, List<String> trial) {
    }

    public record Eligibility(
            Integer minAge,
            Integer maxAge,
            BigDecimal minWeightKg,
            Set<Exclusion> exclusions,
            Integer contraceptionDaysAfterLastDose) {
    }

    public record ConcomitantMedications(
            Set<DrugClass> prohibited,
            List<Washout> washouts,
            Boolean taperSupervisedByPrescriber,
            String rescueAnalgesiaPolicy) {
    }

    public record Washout(DrugClass drugClass, Integer minDays) {
    }

    public record OutcomeMeasure(
            OutcomeType type,
            String title,
            String description,
            String timeFrame,
            OutcomeInstrument instrument,
            OutcomeDomain domain) {
    }

    public record Blinding(Boolean independentRaters, Boolean blindingIntegrityAssessment) {
    }

    public record FollowUp(
            Integer postSessionContactDays,
            Integer primaryEndpointWeeksAfterLastSession,
            Integer longTermMonths,
            Boolean misuseAssessment) {
    }

    public record Regulatory(
            Set<String> jurisdictions,
            Ind ind,
            ScheduleI scheduleI,
            Ethics ethics,
            Consent consent) {
    }

    public record Ind(String number, IndStatus status) {
    }

    public record ScheduleI(String deaRegistration, String stateLicense) {
    }

    public record Ethics(
            String board,
            EthicsApprovalStatus approvalStatus,
            String approvalId,
            @JsonDeserialize(using = StrictLocalDateDeserializer.class) LocalDate approvalDate) {
    }

    public record Consent(
            Boolean writtenInformedConsent,
            String modelFormReference,
            Set<ConsentRisk> coveredRisks) {
    }

    // ---- Codes. Values are the contract: never rename, only add. ----

    public enum Registry { CLINICALTRIALS_GOV, EU_CT, ISRCTN, ANZCTR, OTHER }

    public enum Phase { EARLY_PHASE_1, PHASE_1, PHASE_1_2, PHASE_2, PHASE_2_3, PHASE_3, PHASE_4, NOT_APPLICABLE }

    public enum Allocation { RANDOMIZED, NON_RANDOMIZED, NOT_APPLICABLE }

    public enum StudyModel { SINGLE_GROUP, PARALLEL, CROSSOVER, FACTORIAL, SEQUENTIAL }

    public enum Masking { NONE, SINGLE, DOUBLE, TRIPLE, QUADRUPLE }

    public enum MaskedRole { PARTICIPANT, CARE_PROVIDER, INVESTIGATOR, OUTCOMES_ASSESSOR }

    public enum PrimaryPurpose { TREATMENT, PREVENTION, SUPPORTIVE_CARE, BASIC_SCIENCE, OTHER }

    public enum OverallStatus {
        NOT_YET_RECRUITING, RECRUITING, ENROLLING_BY_INVITATION, ACTIVE_NOT_RECRUITING,
        COMPLETED, SUSPENDED, TERMINATED, WITHDRAWN
    }

    public enum ConditionCategory {
        FIBROMYALGIA, NEUROPATHIC_PAIN, CHRONIC_LOW_BACK_PAIN, PHANTOM_LIMB_PAIN, CRPS,
        OSTEOARTHRITIS_PAIN, CHRONIC_PAIN_WITH_PTSD, OTHER_CHRONIC_PAIN
    }

    public enum ArmType {
        EXPERIMENTAL, ACTIVE_COMPARATOR, PLACEBO_COMPARATOR, SHAM_COMPARATOR, NO_INTERVENTION, OTHER
    }

    public enum SaltForm { HYDROCHLORIDE, FREE_BASE }

    public enum Route { ORAL, OTHER }

    public enum SettingType { HOSPITAL, CLINICAL_RESEARCH_UNIT, OUTPATIENT_CLINIC, HOME, RETREAT, OTHER }

    public enum DischargeCriterion {
        ACUTE_EFFECTS_RESOLVED, VITALS_AT_BASELINE, CLINICIAN_SIGN_OFF, ESCORT_PRESENT, NO_SUICIDAL_IDEATION
    }

    public enum EmergencyEquipment { AED, CRASH_CART, OXYGEN, COOLING }

    public enum MonitorRole { LEAD, ASSISTANT, PHYSICIAN, NURSE, OTHER }

    public enum Degree { NONE, BACHELOR, MASTER, DOCTORAL }

    public enum VitalSignMeasure { BLOOD_PRESSURE, HEART_RATE, BODY_TEMPERATURE }

    public enum VitalSignTimepoint { PRE_DOSE, PRE_SUPPLEMENTAL, END_OF_SESSION }

    public enum SuicidalityInstrument { C_SSRS, PHQ9_ITEM9, OTHER, NONE }

    public enum SuicidalityTimepoint { BASELINE, AFTER_EACH_SESSION, FOLLOW_UP }

    public enum AdverseEventCoding { MEDDRA, OTHER, NONE }

    public enum SeverityGrading { CTCAE, MILD_MODERATE_SEVERE, OTHER, NONE }

    public enum AdverseEventOfSpecialInterest {
        ABUSE_MISUSE, CARDIOVASCULAR, SUICIDALITY, PSYCHOSIS_MANIA, HYPONATREMIA, HYPERTHERMIA
    }

    public enum PregnancyTesting { BEFORE_EACH_SESSION, SCREENING_ONLY, NONE }

    public enum Exclusion {
        PSYCHOTIC_DISORDER, BIPOLAR_I, UNCONTROLLED_HYPERTENSION, ARRHYTHMIA_HISTORY, QTC_PROLONGATION,
        CARDIOVASCULAR_DISEASE, PREGNANCY_OR_LACTATION, CURRENT_SUBSTANCE_USE_DISORDER, IMMINENT_SUICIDE_RISK,
        HEPATIC_IMPAIRMENT, HYPONATREMIA_HISTORY, HYPERTHERMIA_HISTORY
    }

    public enum DrugClass {
        MAOI, SSRI, SNRI, TCA, SEROTONERGIC_OPIOID, TRIPTAN, CYP2D6_STRONG_INHIBITOR, STIMULANT, LITHIUM,
        ANTIPSYCHOTIC, OTHER
    }

    public enum OutcomeType { PRIMARY, SECONDARY, OTHER }

    public enum OutcomeInstrument {
        NRS_PAIN_INTENSITY, VAS_PAIN, BPI_SEVERITY, BPI_INTERFERENCE, MPI, FIQR, ODI, WOMAC,
        PROMIS_PAIN_INTERFERENCE, BDI, PHQ9, POMS, HADS, PGIC, CPGS, CAPS5, OTHER
    }

    public enum OutcomeDomain {
        PAIN, PHYSICAL_FUNCTIONING, EMOTIONAL_FUNCTIONING, GLOBAL_IMPROVEMENT, ADVERSE_EVENTS, DISPOSITION, OTHER
    }

    public enum IndStatus { NOT_SUBMITTED, SUBMITTED, ACTIVE, ON_HOLD, WITHDRAWN }

    public enum EthicsApprovalStatus { NOT_SUBMITTED, PENDING, APPROVED, EXEMPT, DENIED }

    public enum ConsentRisk {
        CARDIOVASCULAR, HYPONATREMIA, ABUSE_POTENTIAL, PSYCHOLOGICAL_DISTRESS, SESSION_RECORDING, OVERNIGHT_STAY
    }
}
