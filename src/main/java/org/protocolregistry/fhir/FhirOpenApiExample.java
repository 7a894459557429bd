package org.protocolregistry.fhir;

/**
 * The OpenAPI example of {@link FhirResource}: the product owner's complete example protocol
 * (fibromyalgia-phase2.json) as an approved protocol, exactly as {@link ResearchStudyMapper} maps it
 * (ResearchStudyMapperTest checks that it stays so).
 */
final class FhirOpenApiExample {

    static final String EXAMPLE_ID = "01a219f7-239e-7b41-963b-7c307b2dd1d7";
    static final String EXAMPLE_SPONSOR_ORG = "example-pain-institute";
    static final int EXAMPLE_VERSION = 3;

    static final String RESEARCH_STUDY = """
            {
              "resourceType": "ResearchStudy",
              "id": "01a219f7-239e-7b41-963b-7c307b2dd1d7",
              "meta": {
                "versionId": "3"
              },
              "contained": [
                {
                  "resourceType": "Group",
                  "id": "enrollment",
                  "type": "person",
                  "actual": false,
                  "name": "Planned enrollment",
                  "quantity": 60
                }
              ],
              "extension": [
                {
                  "url": "https://protocolregistry.org/fhir/StructureDefinition/official-title",
                  "valueString": "A randomized, double-blind, active-placebo-controlled phase 2 trial of MDMA-assisted therapy for adults with fibromyalgia"
                },
                {
                  "url": "https://protocolregistry.org/fhir/StructureDefinition/acronym",
                  "valueString": "MATFM"
                }
              ],
              "identifier": [
                {
                  "use": "official",
                  "type": {
                    "text": "Protocol Registry id"
                  },
                  "system": "https://protocolregistry.org/fhir/sid/protocol-id",
                  "value": "01a219f7-239e-7b41-963b-7c307b2dd1d7"
                },
                {
                  "type": {
                    "text": "Sponsor's protocol id"
                  },
                  "system": "https://protocolregistry.org/fhir/sid/org-study-id/example-pain-institute",
                  "value": "MAT-FM-02",
                  "assigner": {
                    "identifier": {
                      "system": "https://protocolregistry.org/fhir/sid/sponsor-org",
                      "value": "example-pain-institute"
                    },
                    "display": "Example Pain Research Institute"
                  }
                },
                {
                  "type": {
                    "text": "ClinicalTrials.gov"
                  },
                  "system": "https://clinicaltrials.gov",
                  "value": "NCT09990001"
                }
              ],
              "title": "MDMA-assisted therapy for fibromyalgia",
              "status": "approved",
              "primaryPurposeType": {
                "coding": [
                  {
                    "system": "http://terminology.hl7.org/CodeSystem/research-study-prim-purp-type",
                    "code": "treatment",
                    "display": "Treatment"
                  }
                ],
                "text": "Treatment"
              },
              "phase": {
                "coding": [
                  {
                    "system": "http://terminology.hl7.org/CodeSystem/research-study-phase",
                    "code": "phase-2",
                    "display": "Phase 2"
                  }
                ],
                "text": "Phase 2"
              },
              "condition": [
                {
                  "coding": [
                    {
                      "system": "http://hl7.org/fhir/sid/icd-10",
                      "code": "M79.7",
                      "display": "Fibromyalgia"
                    },
                    {
                      "system": "https://protocolregistry.org/fhir/CodeSystem/condition-category",
                      "code": "FIBROMYALGIA",
                      "display": "Fibromyalgia"
                    }
                  ],
                  "text": "Fibromyalgia"
                }
              ],
              "keyword": [
                {
                  "text": "MDMA"
                }
              ],
              "location": [
                {
                  "coding": [
                    {
                      "system": "urn:iso:std:iso:3166",
                      "code": "US"
                    }
                  ]
                }
              ],
              "enrollment": [
                {
                  "reference": "#enrollment",
                  "display": "Planned enrollment: 60"
                }
              ],
              "sponsor": {
                "identifier": {
                  "system": "https://protocolregistry.org/fhir/sid/sponsor-org",
                  "value": "example-pain-institute"
                },
                "display": "Example Pain Research Institute"
              },
              "arm": [
                {
                  "name": "MDMA-assisted therapy",
                  "type": {
                    "coding": [
                      {
                        "system": "http://hl7.org/fhir/research-study-arm-type",
                        "code": "experimental",
                        "display": "Experimental"
                      }
                    ],
                    "text": "EXPERIMENTAL"
                  },
                  "description": "MDMA HCl 120 mg plus optional 60 mg with manualised therapy, three sessions"
                },
                {
                  "name": "Active placebo with therapy",
                  "type": {
                    "coding": [
                      {
                        "system": "http://hl7.org/fhir/research-study-arm-type",
                        "code": "active-comparator",
                        "display": "Active Comparator"
                      }
                    ],
                    "text": "ACTIVE_COMPARATOR"
                  },
                  "description": "Methylphenidate 20 mg plus optional 10 mg with the same therapy"
                }
              ]
            }
            """;

    private FhirOpenApiExample() {
    }
}
