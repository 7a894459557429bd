package org.protocolregistry.protocol;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.protocolregistry.api.RawJson;

/**
 * A stored protocol as readers get it: registry metadata around the sponsor's document,
 * which is returned exactly as stored (as JSON).
 */
@Schema(name = "ProtocolEnvelope", description = "A stored protocol: registry metadata around the sponsor's document.")
@JsonPropertyOrder({"id", "sponsorOrg", "status", "version", "createdAt", "updatedAt", "etag", "document", "validation"})
public record ProtocolEnvelope(
        @Schema(description = "Opaque protocol id.", examples = "01a219f7-239e-7b41-963b-7c307b2dd1d7")
        String id,
        @Schema(description = "The sponsor organisation that owns the protocol (the org claim of its creator's token).",
                examples = "example-pain-institute")
        String sponsorOrg,
        ProtocolStatus status,
        @Schema(description = "Number of the version shown (1, 2, 3 …).", examples = "3")
        int version,
        @Schema(description = "When the protocol was created (ISO-8601, UTC).")
        Instant createdAt,
        @Schema(description = "When the protocol last changed (ISO-8601, UTC).")
        Instant updatedAt,
        @Schema(description = "The entity tag to send in If-Match when replacing the document.", examples = "\"3.3\"")
        String etag,
        @Schema(ref = "ProtocolDocument",
                description = "The protocol document, equal as JSON to what the sponsor sent (object keys sorted).")
        @JsonSerialize(using = RawJson.class)
        String document,
        @Schema(ref = "ValidationReport",
                description = "The safety validator's report made when this version was stored.")
        @JsonSerialize(using = RawJson.class)
        String validation) {

    /** The published view for viewers: the approved version, shown as APPROVED even while amended. */
    static ProtocolEnvelope published(Protocol protocol, ProtocolVersion approved) {
        return new ProtocolEnvelope(protocol.id, protocol.sponsorOrg, ProtocolStatus.APPROVED,
                approved.versionNumber, protocol.createdAt, approved.createdAt, protocol.publishedEtag(),
                approved.documentJson, approved.validationReport);
    }

    static ProtocolEnvelope of(Protocol protocol, ProtocolVersion version) {
        return new ProtocolEnvelope(protocol.id, protocol.sponsorOrg, protocol.status, version.versionNumber,
                protocol.createdAt, protocol.updatedAt, protocol.etag(), version.documentJson, version.validationReport);
    }
}
