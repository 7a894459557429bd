package org.protocolregistry.fhir;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.ResearchStudy.ResearchStudyStatus;
import org.hl7.fhir.r4.model.StringType;
import org.protocolregistry.protocol.ProtocolStatus;
import org.protocolregistry.protocol.document.ProtocolDocument;
import org.protocolregistry.protocol.document.ProtocolDocument.ArmType;
import org.protocolregistry.protocol.document.ProtocolDocument.ConditionCategory;
import org.protocolregistry.protocol.document.ProtocolDocument.OverallStatus;
import org.protocolregistry.protocol.document.ProtocolDocument.Phase;
import org.protocolregistry.protocol.document.ProtocolDocument.PrimaryPurpose;
import org.protocolregistry.protocol.document.ProtocolDocument.Registry;

/**
 * Maps a stored protocol (registry metadata and its document) to a FHIR R4
 * {@link ResearchStudy}. Pure and thread-safe: no I/O, no framework. Every document field
 * is optional; a draft with only {@code registration.briefTitle} maps to a valid resource.
 *
 * <h2>What goes where</h2>
 * <table>
 * <caption>Protocol → ResearchStudy</caption>
 * <tr><th>Protocol</th><th>ResearchStudy</th></tr>
 * <tr><td>id, version</td><td>{@code id}, {@code meta.versionId}; also {@code identifier} with system
 *     {@value #PROTOCOL_ID_SYSTEM} (use official)</td></tr>
 * <tr><td>registration.orgStudyId</td><td>{@code identifier} with system {@value #ORG_STUDY_ID_SYSTEM}/{sponsorOrg}
 *     (sponsor ids are unique per sponsor only), assigner = the sponsor</td></tr>
 * <tr><td>registration.registryIds</td><td>{@code identifier} with the registry's system
 *     (ClinicalTrials.gov {@value #CLINICALTRIALS_GOV_SYSTEM}, EU CTIS {@value #EU_CT_SYSTEM}, ISRCTN
 *     {@value #ISRCTN_SYSTEM}, ANZCTR {@value #ANZCTR_SYSTEM}; OTHER: no system, type text "Other registry")</td></tr>
 * <tr><td>registration.briefTitle</td><td>{@code title}</td></tr>
 * <tr><td>registration.officialTitle</td><td>extension {@value #OFFICIAL_TITLE_EXTENSION} (valueString): R4 has
 *     no official-title element, and {@code description} is meant for a narrative summary, so it stays unset</td></tr>
 * <tr><td>registration.acronym</td><td>extension {@value #ACRONYM_EXTENSION} (valueString)</td></tr>
 * <tr><td>status + registration.overallStatus</td><td>{@code status}, table below</td></tr>
 * <tr><td>registration.phase</td><td>{@code phase}, system {@value #PHASE_SYSTEM}, table below</td></tr>
 * <tr><td>registration.primaryPurpose</td><td>{@code primaryPurposeType}, system {@value #PRIMARY_PURPOSE_SYSTEM}:
 *     TREATMENT → treatment, PREVENTION → prevention, SUPPORTIVE_CARE → supportive-care, BASIC_SCIENCE →
 *     basic-science; OTHER has no code there and maps to text "Other" only</td></tr>
 * <tr><td>condition</td><td>one {@code condition}: coding {@value #ICD10_SYSTEM} with icd10 (when present),
 *     coding {@value #CONDITION_CATEGORY_SYSTEM} with the category (when present), text = condition.name</td></tr>
 * <tr><td>arms[]</td><td>{@code arm}: name = label (FHIR requires one: "Arm n" when absent), type = coding of
 *     {@value #ARM_TYPE_SYSTEM} (the R5 code system; R4 binds none) with text = our code, description</td></tr>
 * <tr><td>registration.sponsorName, sponsorOrg</td><td>{@code sponsor}: display = sponsorName, else the sponsor
 *     org; identifier {@value #SPONSOR_ORG_SYSTEM} = sponsor org</td></tr>
 * <tr><td>registration.plannedEnrollment</td><td>contained {@code Group} #{@value #ENROLLMENT_GROUP_ID}
 *     (type person, actual false, quantity = plannedEnrollment), referenced from {@code enrollment}</td></tr>
 * <tr><td>registration.countries</td><td>{@code location}, system {@value #COUNTRY_SYSTEM}</td></tr>
 * <tr><td>(always)</td><td>{@code keyword} "MDMA"</td></tr>
 * </table>
 *
 * <h2>Status</h2>
 * The registry's lifecycle status decides until the ethics board has approved; after that the sponsor's
 * recruitment status (registration.overallStatus) does. R4 has no "draft" code: a protocol not yet approved is
 * {@code in-review}.
 * <table>
 * <caption>ProtocolStatus and overallStatus → ResearchStudyStatus</caption>
 * <tr><th>ProtocolStatus</th><th>overallStatus</th><th>ResearchStudy.status</th></tr>
 * <tr><td>DRAFT, SUBMITTED, CHANGES_REQUESTED (or unknown)</td><td>any</td><td>in-review</td></tr>
 * <tr><td>REJECTED</td><td>any</td><td>disapproved</td></tr>
 * <tr><td>WITHDRAWN</td><td>any</td><td>withdrawn</td></tr>
 * <tr><td>APPROVED</td><td>absent, NOT_YET_RECRUITING</td><td>approved</td></tr>
 * <tr><td>APPROVED</td><td>RECRUITING, ENROLLING_BY_INVITATION</td><td>active</td></tr>
 * <tr><td>APPROVED</td><td>ACTIVE_NOT_RECRUITING</td><td>closed-to-accrual</td></tr>
 * <tr><td>APPROVED</td><td>SUSPENDED</td><td>temporarily-closed-to-accrual-and-intervention</td></tr>
 * <tr><td>APPROVED</td><td>COMPLETED</td><td>completed</td></tr>
 * <tr><td>APPROVED</td><td>TERMINATED</td><td>administratively-completed</td></tr>
 * <tr><td>APPROVED</td><td>WITHDRAWN</td><td>withdrawn</td></tr>
 * </table>
 *
 * <h2>Phase</h2>
 * <table>
 * <caption>registration.phase → research-study-phase</caption>
 * <tr><th>phase</th><th>code</th></tr>
 * <tr><td>NOT_APPLICABLE</td><td>n-a</td></tr>
 * <tr><td>EARLY_PHASE_1</td><td>early-phase-1</td></tr>
 * <tr><td>PHASE_1</td><td>phase-1</td></tr>
 * <tr><td>PHASE_1_2</td><td>phase-1-phase-2</td></tr>
 * <tr><td>PHASE_2</td><td>phase-2</td></tr>
 * <tr><td>PHASE_2_3</td><td>phase-2-phase-3</td></tr>
 * <tr><td>PHASE_3</td><td>phase-3</td></tr>
 * <tr><td>PHASE_4</td><td>phase-4</td></tr>
 * </table>
 */
public final class ResearchStudyMapper {

    /** Base of the registry's own FHIR URIs (identifier systems, code systems, extensions). */
    public static final String BASE = "https://protocolregistry.org/fhir";
    public static final String PROTOCOL_ID_SYSTEM = BASE + "/sid/protocol-id";
    /** Followed by "/" and the URL-encoded sponsor org. */
    public static final String ORG_STUDY_ID_SYSTEM = BASE + "/sid/org-study-id";
    public static final String SPONSOR_ORG_SYSTEM = BASE + "/sid/sponsor-org";
    public static final String OFFICIAL_TITLE_EXTENSION = BASE + "/StructureDefinition/official-title";
    public static final String ACRONYM_EXTENSION = BASE + "/StructureDefinition/acronym";
    public static final String CONDITION_CATEGORY_SYSTEM = BASE + "/CodeSystem/condition-category";

    public static final String CLINICALTRIALS_GOV_SYSTEM = "https://clinicaltrials.gov";
    public static final String EU_CT_SYSTEM = "https://euclinicaltrials.eu";
    public static final String ISRCTN_SYSTEM = "https://www.isrctn.com";
    public static final String ANZCTR_SYSTEM = "https://www.anzctr.org.au";

    public static final String PHASE_SYSTEM = "http://terminology.hl7.org/CodeSystem/research-study-phase";
    public static final String PRIMARY_PURPOSE_SYSTEM =
            "http://terminology.hl7.org/CodeSystem/research-study-prim-purp-type";
    public static final String ARM_TYPE_SYSTEM = "http://hl7.org/fhir/research-study-arm-type";
    public static final String ICD10_SYSTEM = "http://hl7.org/fhir/sid/icd-10";
    public static final String COUNTRY_SYSTEM = "urn:iso:std:iso:3166";

    /** Local id of the contained Group that carries the planned enrollment. */
    public static final String ENROLLMENT_GROUP_ID = "enrollment";
    public static final String KEYWORD = "MDMA";

    /**
     * The registry's metadata around a document.
     *
     * @param id         the protocol id (becomes the resource id)
     * @param sponsorOrg the owning sponsor organisation
     * @param status     the lifecycle status shown to the caller
     * @param version    the version number shown
     */
    public record StudyRecord(String id, String sponsorOrg, ProtocolStatus status, int version) {
    }

    private ResearchStudyMapper() {
    }

    /** The ResearchStudy for a document and its registry metadata; never fails on missing fields. */
    public static ResearchStudy toResearchStudy(StudyRecord record, ProtocolDocument document) {
        Objects.requireNonNull(record, "record");
        var registration = document == null ? null : document.registration();
        var study = new ResearchStudy();
        if (record.id() != null) {
            study.setId(record.id());
            study.addIdentifier().setUse(Identifier.IdentifierUse.OFFICIAL)
                    .setSystem(PROTOCOL_ID_SYSTEM).setValue(record.id())
                    .setType(new CodeableConcept().setText("Protocol Registry id"));
        }
        if (record.version() > 0) {
            study.getMeta().setVersionId(Integer.toString(record.version()));
        }
        study.setStatus(status(record.status(), registration == null ? null : registration.overallStatus()));
        var sponsor = sponsor(record.sponsorOrg(), registration == null ? null : registration.sponsorName());
        if (sponsor != null) {
            study.setSponsor(sponsor);
        }
        if (registration != null) {
            mapRegistration(study, record, registration, sponsor);
        }
        if (document != null) {
            mapCondition(study, document.condition());
            mapArms(study, document.arms());
        }
        study.addKeyword().setText(KEYWORD);
        return study;
    }

    private static void mapRegistration(ResearchStudy study, StudyRecord record,
            ProtocolDocument.Registration registration, Reference sponsor) {
        if (hasText(registration.orgStudyId())) {
            var identifier = study.addIdentifier()
                    .setSystem(orgStudyIdSystem(record.sponsorOrg()))
                    .setValue(registration.orgStudyId())
                    .setType(new CodeableConcept().setText("Sponsor's protocol id"));
            if (sponsor != null) {
                identifier.setAssigner(sponsor.copy());
            }
        }
        for (var registryId : nullSafe(registration.registryIds())) {
            if (registryId != null && hasText(registryId.id())) {
                var registry = registryId.registry() == null ? Registry.OTHER : registryId.registry();
                var identifier = study.addIdentifier().setValue(registryId.id())
                        .setType(new CodeableConcept().setText(registryName(registry)));
                var system = registrySystem(registry);
                if (system != null) {
                    identifier.setSystem(system);
                }
            }
        }
        if (hasText(registration.briefTitle())) {
            study.setTitle(registration.briefTitle());
        }
        if (hasText(registration.officialTitle())) {
            study.addExtension(OFFICIAL_TITLE_EXTENSION, new StringType(registration.officialTitle()));
        }
        if (hasText(registration.acronym())) {
            study.addExtension(ACRONYM_EXTENSION, new StringType(registration.acronym()));
        }
        if (registration.phase() != null) {
            study.setPhase(phase(registration.phase()));
        }
        if (registration.primaryPurpose() != null) {
            study.setPrimaryPurposeType(primaryPurpose(registration.primaryPurpose()));
        }
        if (registration.plannedEnrollment() != null) {
            var group = new Group()
                    .setType(Group.GroupType.PERSON)
                    .setActual(false)
                    .setQuantity(registration.plannedEnrollment());
            group.setName("Planned enrollment");
            group.setId(ENROLLMENT_GROUP_ID);
            study.addContained(group);
            study.addEnrollment(new Reference("#" + ENROLLMENT_GROUP_ID)
                    .setDisplay("Planned enrollment: " + registration.plannedEnrollment()));
        }
        for (var country : nullSafe(registration.countries())) {
            if (hasText(country)) {
                study.addLocation(new CodeableConcept(new Coding(COUNTRY_SYSTEM, country, null)));
            }
        }
    }

    private static void mapCondition(ResearchStudy study, ProtocolDocument.Condition condition) {
        if (condition == null) {
            return;
        }
        var concept = new CodeableConcept();
        if (hasText(condition.icd10())) {
            concept.addCoding(new Coding(ICD10_SYSTEM, condition.icd10(), condition.name()));
        }
        if (condition.category() != null) {
            concept.addCoding(new Coding(CONDITION_CATEGORY_SYSTEM, condition.category().name(),
                    categoryDisplay(condition.category())));
        }
        if (hasText(condition.name())) {
            concept.setText(condition.name());
        }
        if (!concept.isEmpty()) {
            study.addCondition(concept);
        }
    }

    private static void mapArms(ResearchStudy study, List<ProtocolDocument.Arm> arms) {
        int number = 0;
        for (var arm : nullSafe(arms)) {
            number++;
            if (arm == null) {
                continue;
            }
            var component = study.addArm()
                    .setName(hasText(arm.label()) ? arm.label() : "Arm " + number);
            if (arm.type() != null) {
                component.setType(armType(arm.type()));
            }
            if (hasText(arm.description())) {
                component.setDescription(arm.description());
            }
        }
    }

    /** The status table in the class comment. */
    public static ResearchStudyStatus status(ProtocolStatus lifecycle, OverallStatus overall) {
        if (lifecycle == null) {
            return ResearchStudyStatus.INREVIEW;
        }
        return switch (lifecycle) {
            case DRAFT, SUBMITTED, CHANGES_REQUESTED -> ResearchStudyStatus.INREVIEW;
            case REJECTED -> ResearchStudyStatus.DISAPPROVED;
            case WITHDRAWN -> ResearchStudyStatus.WITHDRAWN;
            case APPROVED -> overall == null ? ResearchStudyStatus.APPROVED : switch (overall) {
                case NOT_YET_RECRUITING -> ResearchStudyStatus.APPROVED;
                case RECRUITING, ENROLLING_BY_INVITATION -> ResearchStudyStatus.ACTIVE;
                case ACTIVE_NOT_RECRUITING -> ResearchStudyStatus.CLOSEDTOACCRUAL;
                case SUSPENDED -> ResearchStudyStatus.TEMPORARILYCLOSEDTOACCRUALANDINTERVENTION;
                case COMPLETED -> ResearchStudyStatus.COMPLETED;
                case TERMINATED -> ResearchStudyStatus.ADMINISTRATIVELYCOMPLETED;
                case WITHDRAWN -> ResearchStudyStatus.WITHDRAWN;
            };
        };
    }

    /** The phase table in the class comment. */
    public static CodeableConcept phase(Phase phase) {
        String code;
        String display;
        switch (phase) {
            case NOT_APPLICABLE -> { code = "n-a"; display = "N/A"; }
            case EARLY_PHASE_1 -> { code = "early-phase-1"; display = "Early Phase 1"; }
            case PHASE_1 -> { code = "phase-1"; display = "Phase 1"; }
            case PHASE_1_2 -> { code = "phase-1-phase-2"; display = "Phase 1/Phase 2"; }
            case PHASE_2 -> { code = "phase-2"; display = "Phase 2"; }
            case PHASE_2_3 -> { code = "phase-2-phase-3"; display = "Phase 2/Phase 3"; }
            case PHASE_3 -> { code = "phase-3"; display = "Phase 3"; }
            case PHASE_4 -> { code = "phase-4"; display = "Phase 4"; }
            default -> throw new IllegalArgumentException("unmapped phase " + phase);
        }
        return new CodeableConcept(new Coding(PHASE_SYSTEM, code, display)).setText(display);
    }

    static CodeableConcept primaryPurpose(PrimaryPurpose purpose) {
        return switch (purpose) {
            case TREATMENT -> purposeCode("treatment", "Treatment");
            case PREVENTION -> purposeCode("prevention", "Prevention");
            case SUPPORTIVE_CARE -> purposeCode("supportive-care", "Supportive Care");
            case BASIC_SCIENCE -> purposeCode("basic-science", "Basic Science");
            case OTHER -> new CodeableConcept().setText("Other");
        };
    }

    private static CodeableConcept purposeCode(String code, String display) {
        return new CodeableConcept(new Coding(PRIMARY_PURPOSE_SYSTEM, code, display)).setText(display);
    }

    static CodeableConcept armType(ArmType type) {
        var coding = switch (type) {
            case EXPERIMENTAL -> new Coding(ARM_TYPE_SYSTEM, "experimental", "Experimental");
            case ACTIVE_COMPARATOR -> new Coding(ARM_TYPE_SYSTEM, "active-comparator", "Active Comparator");
            case PLACEBO_COMPARATOR -> new Coding(ARM_TYPE_SYSTEM, "placebo-comparator", "Placebo Comparator");
            case SHAM_COMPARATOR -> new Coding(ARM_TYPE_SYSTEM, "sham-comparator", "Sham Comparator");
            case NO_INTERVENTION -> new Coding(ARM_TYPE_SYSTEM, "no-intervention", "No Intervention");
            case OTHER -> new Coding(ARM_TYPE_SYSTEM, "other-arm-type", "Other Arm Type");
        };
        return new CodeableConcept(coding).setText(type.name());
    }

    private static Reference sponsor(String sponsorOrg, String sponsorName) {
        if (!hasText(sponsorOrg) && !hasText(sponsorName)) {
            return null;
        }
        var reference = new Reference().setDisplay(hasText(sponsorName) ? sponsorName : sponsorOrg);
        if (hasText(sponsorOrg)) {
            reference.setIdentifier(new Identifier().setSystem(SPONSOR_ORG_SYSTEM).setValue(sponsorOrg));
        }
        return reference;
    }

    /** The identifier system of a sponsor's own protocol ids: orgStudyId is unique within one sponsor only. */
    public static String orgStudyIdSystem(String sponsorOrg) {
        return hasText(sponsorOrg)
                ? ORG_STUDY_ID_SYSTEM + "/" + URLEncoder.encode(sponsorOrg, StandardCharsets.UTF_8)
                : ORG_STUDY_ID_SYSTEM;
    }

    /** The identifier system of a trial registry, or null for OTHER. */
    public static String registrySystem(Registry registry) {
        return switch (registry) {
            case CLINICALTRIALS_GOV -> CLINICALTRIALS_GOV_SYSTEM;
            case EU_CT -> EU_CT_SYSTEM;
            case ISRCTN -> ISRCTN_SYSTEM;
            case ANZCTR -> ANZCTR_SYSTEM;
            case OTHER -> null;
        };
    }

    private static String registryName(Registry registry) {
        return switch (registry) {
            case CLINICALTRIALS_GOV -> "ClinicalTrials.gov";
            case EU_CT -> "EU CTIS";
            case ISRCTN -> "ISRCTN";
            case ANZCTR -> "ANZCTR";
            case OTHER -> "Other registry";
        };
    }

    private static String categoryDisplay(ConditionCategory category) {
        return switch (category) {
            case FIBROMYALGIA -> "Fibromyalgia";
            case NEUROPATHIC_PAIN -> "Neuropathic pain";
            case CHRONIC_LOW_BACK_PAIN -> "Chronic low back pain";
            case PHANTOM_LIMB_PAIN -> "Phantom limb pain";
            case CRPS -> "Complex regional pain syndrome";
            case OSTEOARTHRITIS_PAIN -> "Osteoarthritis pain";
            case CHRONIC_PAIN_WITH_PTSD -> "Chronic pain with PTSD";
            case OTHER_CHRONIC_PAIN -> "Other chronic pain";
        };
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }

    private static <T> Iterable<T> nullSafe(Iterable<T> values) {
        return values == null ? List.of() : values;
    }
}
