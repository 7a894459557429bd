package org.protocolregistry.fhir;

import java.nio.charset.StandardCharsets;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.protocolregistry.api.OpenApiExamples;
import org.protocolregistry.api.ProblemException;
import org.protocolregistry.protocol.ProtocolEnvelope;
import org.protocolregistry.protocol.ProtocolService;
import org.protocolregistry.protocol.document.DocumentParser;
import org.protocolregistry.security.CurrentCaller;
import org.protocolregistry.security.Role;

/** A protocol as a FHIR R4 ResearchStudy, for clinical-research systems that speak FHIR. */
@Path("/api/v1/protocols/{id}/fhir")
@Produces({FhirJson.MEDIA_TYPE, MediaType.APPLICATION_JSON})
@Tag(name = "FHIR", description = "Protocols as FHIR R4 resources.")
@SecurityRequirement(name = "bearer")
@RolesAllowed({Role.SPONSOR, Role.REVIEWER, Role.VIEWER, Role.ADMIN})
public class FhirResource {

    @Inject
    ProtocolService protocols;

    @Inject
    CurrentCaller caller;

    @GET
    @Operation(summary = "Read a protocol as a FHIR R4 ResearchStudy",
            description = "The protocol the caller may read (the same visibility as GET /api/v1/protocols/{id}: "
                    + "viewers get the approved version) as a FHIR R4 ResearchStudy: identifiers (registry id, "
                    + "sponsor's id, trial-registry ids), title, official title (extension), status, phase, "
                    + "condition (ICD-10 and category), arms, primary purpose, sponsor, planned enrollment (a "
                    + "contained Group), countries and the keyword MDMA. Served as application/fhir+json, or "
                    + "application/json when that is what Accept asks for.")
    @APIResponse(responseCode = "200", description = "FHIR R4 ResearchStudy.",
            content = {
                @Content(mediaType = FhirJson.MEDIA_TYPE, schema = @Schema(type = SchemaType.OBJECT,
                        description = "FHIR R4 ResearchStudy (http://hl7.org/fhir/R4/researchstudy.html)."),
                        examples = @ExampleObject(name = "approved", summary = "An approved phase 2 protocol",
                                value = FhirOpenApiExample.RESEARCH_STUDY)),
                @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT,
                        description = "FHIR R4 ResearchStudy (http://hl7.org/fhir/R4/researchstudy.html)."),
                        examples = @ExampleObject(name = "approved", summary = "An approved phase 2 protocol",
                                value = FhirOpenApiExample.RESEARCH_STUDY))})
    @APIResponse(responseCode = "404", ref = OpenApiExamples.NOT_FOUND)
    public String getResearchStudy(@Parameter(description = "Protocol id.") @RestPath String id) {
        var envelope = protocols.findProtocolById(caller.get(), id)
                .orElseThrow(() -> ProblemException.notFound("Protocol " + id));
        return FhirJson.encode(toResearchStudy(envelope));
    }

    static org.hl7.fhir.r4.model.ResearchStudy toResearchStudy(ProtocolEnvelope envelope) {
        var document = DocumentParser.parse(envelope.document().getBytes(StandardCharsets.UTF_8)).model();
        var record = new ResearchStudyMapper.StudyRecord(envelope.id(), envelope.sponsorOrg(), envelope.status(),
                envelope.version());
        return ResearchStudyMapper.toResearchStudy(record, document);
    }
}
