package org.protocolregistry.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.ResearchStudy.ResearchStudyStatus;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.protocolregistry.fhir.ResearchStudyMapper.StudyRecord;
import org.protocolregistry.protocol.ProtocolStatus;
import org.protocolregistry.protocol.document.DocumentParser;
import org.protocolregistry.protocol.document.ProtocolDocument;
import org.protocolregistry.protocol.document.ProtocolDocument.OverallStatus;
import org.protocolregistry.protocol.document.ProtocolDocument.Phase;
import org.protocolregistry.testing.Examples;

import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.StrictErrorHandler;

/**
 * The ResearchStudy mapping, checked the way a FHIR client sees it: every resource is
 * serialised to JSON with HAPI and parsed back with a strict HAPI parser before any assertion.
 */
class ResearchStudyMapperTest {

    private static final String ID = "01a219f7-239e-7b41-963b-7c307b2dd1d7";
    private static final String ORG = "example-pain-institute";

    @Test
    void completeProtocolCarriesEveryMappedField() {
        var study = roundTrip(new StudyRecord(ID, ORG, ProtocolStatus.APPROVED, 3), example(Examples.FIBROMYALGIA));

        assertThat(study.getIdElement().getIdPart()).isEqualTo(ID);
        assertThat(study.getMeta().getVersionId()).isEqualTo("3");
        assertThat(study.getTitle()).isEqualTo("MDMA-assisted therapy for fibromyalgia");
        assertThat(extensionString(study, ResearchStudyMapper.OFFICIAL_TITLE_EXTENSION))
                .isEqualTo("A randomized, double-blind, active-placebo-controlled phase 2 trial of MDMA-assisted "
                        + "therapy for adults with fibromyalgia");
        assertThat(extensionString(study, ResearchStudyMapper.ACRONYM_EXTENSION)).isEqualTo("MATFM");

        // APPROVED and NOT_YET_RECRUITING: approved, not yet active.
        assertThat(study.getStatus()).isEqualTo(ResearchStudyStatus.APPROVED);

        assertThat(study.getIdentifier())
                .extracting(Identifier::getSystem, Identifier::getValue)
                .containsExactly(
                        tuple(ResearchStudyMapper.PROTOCOL_ID_SYSTEM, ID),
                        tuple(ResearchStudyMapper.ORG_STUDY_ID_SYSTEM + "/" + ORG, "MAT-FM-02"),
                        tuple("https://clinicaltrials.gov", "NCT09990001"));
        assertThat(study.getIdentifier().get(0).getUse()).isEqualTo(Identifier.IdentifierUse.OFFICIAL);
        assertThat(study.getIdentifier().get(1).getAssigner().getDisplay())
                .isEqualTo("Example Pain Research Institute");

        assertThat(study.getPhase().getCoding())
                .extracting(Coding::getSystem, Coding::getCode)
                .containsExactly(tuple("http://terminology.hl7.org/CodeSystem/research-study-phase", "phase-2"));

        assertThat(study.getCondition()).hasSize(1);
        var condition = study.getConditionFirstRep();
        assertThat(condition.getText()).isEqualTo("Fibromyalgia");
        assertThat(condition.getCoding())
                .extracting(Coding::getSystem, Coding::getCode)
                .containsExactly(
                        tuple("http://hl7.org/fhir/sid/icd-10", "M79.7"),
                        tuple(ResearchStudyMapper.CONDITION_CATEGORY_SYSTEM, "FIBROMYALGIA"));

        assertThat(study.getArm())
                .extracting(ResearchStudy.ResearchStudyArmComponent::getName,
                        arm -> arm.getType().getCodingFirstRep().getCode(),
                        arm -> arm.getType().getText(),
                        ResearchStudy.ResearchStudyArmComponent::getDescription)
                .containsExactly(
                        tuple("MDMA-assisted therapy", "experimental", "EXPERIMENTAL",
                                "MDMA HCl 120 mg plus optional 60 mg with manualised therapy, three sessions"),
                        tuple("Active placebo with therapy", "active-comparator", "ACTIVE_COMPARATOR",
                                "Methylphenidate 20 mg plus optional 10 mg with the same therapy"));
        assertThat(study.getArmFirstRep().getType().getCodingFirstRep().getSystem())
                .isEqualTo("http://hl7.org/fhir/research-study-arm-type");

        assertThat(study.getPrimaryPurposeType().getCoding())
                .extracting(Coding::getSystem, Coding::getCode)
                .containsExactly(tuple("http://terminology.hl7.org/CodeSystem/research-study-prim-purp-type",
                        "treatment"));

        assertThat(study.getSponsor().getDisplay()).isEqualTo("Example Pain Research Institute");
        assertThat(study.getSponsor().getIdentifier().getSystem()).isEqualTo(ResearchStudyMapper.SPONSOR_ORG_SYSTEM);
        assertThat(study.getSponsor().getIdentifier().getValue()).isEqualTo(ORG);

        assertThat(plannedEnrollment(study)).isEqualTo(60);

        assertThat(study.getLocation())
                .extracting(location -> location.getCodingFirstRep().getCode())
                .containsExactly("US");
        assertThat(study.getKeyword()).extracting(CodeableConcept::getText).containsExactly("MDMA");
    }

    @Test
    void incompleteDraftMapsWhatItHas() {
        var study = roundTrip(new StudyRecord(ID, ORG, ProtocolStatus.DRAFT, 1), example(Examples.NEUROPATHIC_DRAFT));

        assertThat(study.getTitle()).isEqualTo("Open-label MDMA-assisted therapy in chronic neuropathic pain");
        assertThat(study.getExtensionByUrl(ResearchStudyMapper.OFFICIAL_TITLE_EXTENSION)).isNull();
        assertThat(study.getStatus()).isEqualTo(ResearchStudyStatus.INREVIEW);
        assertThat(study.getPhase().getCodingFirstRep().getCode()).isEqualTo("early-phase-1");
        // No ICD-10 code in this draft: the category and the name only.
        assertThat(study.getConditionFirstRep().getText()).isEqualTo("Chronic neuropathic pain");
        assertThat(study.getConditionFirstRep().getCoding())
                .extracting(Coding::getSystem, Coding::getCode)
                .containsExactly(tuple(ResearchStudyMapper.CONDITION_CATEGORY_SYSTEM, "NEUROPATHIC_PAIN"));
        assertThat(study.getArm()).hasSize(1);
        assertThat(study.getArmFirstRep().getName()).isEqualTo("MDMA-assisted therapy");
        assertThat(study.getArmFirstRep().hasDescription()).isFalse();
        // No sponsorName: the sponsor org stands in.
        assertThat(study.getSponsor().getDisplay()).isEqualTo(ORG);
        assertThat(plannedEnrollment(study)).isEqualTo(12);
        assertThat(study.getIdentifier())
                .extracting(Identifier::getSystem, Identifier::getValue)
                .containsExactly(
                        tuple(ResearchStudyMapper.PROTOCOL_ID_SYSTEM, ID),
                        tuple(ResearchStudyMapper.ORG_STUDY_ID_SYSTEM + "/" + ORG, "NP-OL-01"));
    }

    @Test
    void draftWithOnlyABriefTitleMaps() {
        var document = DocumentParser.parse("{\"registration\":{\"briefTitle\":\"Just a name\"}}"
                .getBytes(StandardCharsets.UTF_8)).model();

        var study = roundTrip(new StudyRecord(ID, ORG, ProtocolStatus.DRAFT, 1), document);

        assertThat(study.getTitle()).isEqualTo("Just a name");
        assertThat(study.getStatus()).isEqualTo(ResearchStudyStatus.INREVIEW);
        assertThat(study.getIdentifier()).extracting(Identifier::getValue).containsExactly(ID);
        assertThat(study.hasPhase()).isFalse();
        assertThat(study.hasPrimaryPurposeType()).isFalse();
        assertThat(study.getCondition()).isEmpty();
        assertThat(study.getArm()).isEmpty();
        assertThat(study.getEnrollment()).isEmpty();
        assertThat(study.getContained()).isEmpty();
        assertThat(study.getSponsor().getDisplay()).isEqualTo(ORG);
        assertThat(study.getKeyword()).extracting(CodeableConcept::getText).containsExactly("MDMA");
    }

    @Test
    void nothingButMetadataStillMaps() {
        var empty = new ProtocolDocument(null, null, null, null, null, null, null, null, null, null, null, null,
                null, null);

        var study = roundTrip(new StudyRecord(ID, null, null, 0), empty);

        assertThat(study.getStatus()).isEqualTo(ResearchStudyStatus.INREVIEW);
        assertThat(study.hasTitle()).isFalse();
        assertThat(study.hasSponsor()).isFalse();
        assertThat(roundTrip(new StudyRecord(ID, ORG, ProtocolStatus.APPROVED, 1), null).getStatus())
                .isEqualTo(ResearchStudyStatus.APPROVED);
    }

    @Test
    void armsAndRegistryIdsWithMissingPartsStillMap() {
        var document = DocumentParser.parse("""
                {"registration":{"briefTitle":"T","primaryPurpose":"OTHER",
                  "registryIds":[{"registry":"ISRCTN","id":"ISRCTN00000000"},{"registry":"OTHER","id":"X-1"},
                                 {"registry":"EU_CT"}]},
                 "arms":[{"type":"PLACEBO_COMPARATOR"},{"label":"No treatment"}]}"""
                .getBytes(StandardCharsets.UTF_8)).model();

        var study = roundTrip(new StudyRecord(ID, ORG, ProtocolStatus.SUBMITTED, 2), document);

        assertThat(study.getArm())
                .extracting(ResearchStudy.ResearchStudyArmComponent::getName,
                        arm -> arm.getType().getCodingFirstRep().getCode())
                .containsExactly(tuple("Arm 1", "placebo-comparator"), tuple("No treatment", null));
        assertThat(study.getIdentifier())
                .extracting(Identifier::getSystem, Identifier::getValue)
                .containsExactly(
                        tuple(ResearchStudyMapper.PROTOCOL_ID_SYSTEM, ID),
                        tuple("https://www.isrctn.com", "ISRCTN00000000"),
                        tuple(null, "X-1"));
        assertThat(study.getPrimaryPurposeType().hasCoding()).isFalse();
        assertThat(study.getPrimaryPurposeType().getText()).isEqualTo("Other");
    }

    @ParameterizedTest
    @CsvSource({
        "NOT_APPLICABLE, n-a",
        "EARLY_PHASE_1,  early-phase-1",
        "PHASE_1,        phase-1",
        "PHASE_1_2,      phase-1-phase-2",
        "PHASE_2,        phase-2",
        "PHASE_2_3,      phase-2-phase-3",
        "PHASE_3,        phase-3",
        "PHASE_4,        phase-4"})
    void phaseCodes(Phase phase, String code) {
        var document = DocumentParser.parse(("{\"registration\":{\"briefTitle\":\"T\",\"phase\":\"" + phase + "\"}}")
                .getBytes(StandardCharsets.UTF_8)).model();

        var study = roundTrip(new StudyRecord(ID, ORG, ProtocolStatus.DRAFT, 1), document);

        assertThat(study.getPhase().getCodingFirstRep().getSystem()).isEqualTo(ResearchStudyMapper.PHASE_SYSTEM);
        assertThat(study.getPhase().getCodingFirstRep().getCode()).isEqualTo(code);
    }

    @ParameterizedTest
    @CsvSource({
        "DRAFT,             RECRUITING,              in-review",
        "SUBMITTED,         COMPLETED,               in-review",
        "CHANGES_REQUESTED, ,                        in-review",
        "REJECTED,          RECRUITING,              disapproved",
        "WITHDRAWN,         RECRUITING,              withdrawn",
        "APPROVED,          ,                        approved",
        "APPROVED,          NOT_YET_RECRUITING,      approved",
        "APPROVED,          RECRUITING,              active",
        "APPROVED,          ENROLLING_BY_INVITATION, active",
        "APPROVED,          ACTIVE_NOT_RECRUITING,   closed-to-accrual",
        "APPROVED,          SUSPENDED,               temporarily-closed-to-accrual-and-intervention",
        "APPROVED,          COMPLETED,               completed",
        "APPROVED,          TERMINATED,              administratively-completed",
        "APPROVED,          WITHDRAWN,               withdrawn"})
    void statusTable(ProtocolStatus lifecycle, OverallStatus overall, String code) {
        var document = DocumentParser.parse(("{\"registration\":{\"briefTitle\":\"T\""
                + (overall == null ? "" : ",\"overallStatus\":\"" + overall + "\"") + "}}")
                .getBytes(StandardCharsets.UTF_8)).model();

        var study = roundTrip(new StudyRecord(ID, ORG, lifecycle, 1), document);

        assertThat(study.getStatus().toCode()).isEqualTo(code);
    }

    @ParameterizedTest
    @EnumSource(ProtocolStatus.class)
    void everyLifecycleStatusAndOverallStatusMaps(ProtocolStatus lifecycle) {
        for (var overall : EnumSet.allOf(OverallStatus.class)) {
            assertThat(ResearchStudyMapper.status(lifecycle, overall)).isNotNull().isNotEqualTo(ResearchStudyStatus.NULL);
        }
    }

    @Test
    void encodedJsonIsAResearchStudyWithAContainedGroup() {
        var json = FhirJson.encode(ResearchStudyMapper.toResearchStudy(
                new StudyRecord(ID, ORG, ProtocolStatus.APPROVED, 3), example(Examples.FIBROMYALGIA)));

        assertThat(json).startsWith("{\"resourceType\":\"ResearchStudy\"");
        assertThat(json).contains("\"contained\":[{\"resourceType\":\"Group\",\"id\":\"enrollment\"");
        assertThat(json).contains("\"enrollment\":[{\"reference\":\"#enrollment\"");
    }

    @Test
    void openApiExampleIsWhatTheMapperGives() throws Exception {
        var json = FhirJson.encode(ResearchStudyMapper.toResearchStudy(
                new StudyRecord(FhirOpenApiExample.EXAMPLE_ID, FhirOpenApiExample.EXAMPLE_SPONSOR_ORG,
                        ProtocolStatus.APPROVED, FhirOpenApiExample.EXAMPLE_VERSION),
                example(Examples.FIBROMYALGIA)));

        var mapper = new ObjectMapper();
        assertThat(mapper.readTree(FhirOpenApiExample.RESEARCH_STUDY))
                .as("FhirOpenApiExample.RESEARCH_STUDY is out of date; replace it with: " + json)
                .isEqualTo(mapper.readTree(json));
    }

    // ---- helpers ----

    private static ProtocolDocument example(String name) {
        return DocumentParser.parse(Examples.bytes(name)).model();
    }

    /** Serialises with HAPI and parses back with a strict HAPI parser: what a FHIR client would get. */
    private static ResearchStudy roundTrip(StudyRecord record, ProtocolDocument document) {
        var json = FhirJson.encode(ResearchStudyMapper.toResearchStudy(record, document));
        var parser = FhirJson.CONTEXT.newJsonParser().setParserErrorHandler(new StrictErrorHandler());
        try {
            return parser.parseResource(ResearchStudy.class, json);
        } catch (DataFormatException e) {
            throw new AssertionError("HAPI could not parse its own output: " + json, e);
        }
    }

    private static String extensionString(ResearchStudy study, String url) {
        var extension = study.getExtensionByUrl(url);
        assertThat(extension).as("extension " + url).isNotNull();
        return ((StringType) extension.getValue()).getValue();
    }

    /** The planned enrollment: the contained Group that enrollment refers to. */
    private static int plannedEnrollment(ResearchStudy study) {
        assertThat(study.getEnrollment()).hasSize(1);
        var reference = study.getEnrollmentFirstRep();
        assertThat(reference.getReference()).isEqualTo("#" + ResearchStudyMapper.ENROLLMENT_GROUP_ID);
        var group = study.getContained().stream()
                .filter(Group.class::isInstance)
                .map(Group.class::cast)
                .filter(candidate -> candidate.getIdElement().getIdPart()
                        .equals(ResearchStudyMapper.ENROLLMENT_GROUP_ID))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no contained Group #enrollment"));
        assertThat(reference.getResource()).as("HAPI resolves the local reference").isSameAs(group);
        assertThat(group.getType()).isEqualTo(Group.GroupType.PERSON);
        assertThat(group.getActual()).isFalse();
        return group.getQuantity();
    }
}
