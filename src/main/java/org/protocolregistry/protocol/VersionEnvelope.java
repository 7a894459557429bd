package org.protocolregistry.protocol;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.protocolregistry.api.RawJson;

/** One immutable version of a protocol, with its document. */
@Schema(name = "VersionEnvelope", description = "One immutable version of a protocol, with its document.")
@JsonPropertyOrder({"protocolId", "version", "createdAt", "createdBy", "sha256", "document", "validation"})
public record VersionEnvelope(
        @Schema(description = "Id of the protocol the version belongs to.") String protocolId,
        @Schema(examples = "2") int version,
        @Schema(description = "When the version was stored (ISO-8601, UTC).") Instant createdAt,
        @Schema(description = "Token subject of the sponsor client that stored it.") String createdBy,
        @Schema(description = "SHA-256 (hex) of the version's canonical JSON.") String sha256,
        @Schema(ref = "ProtocolDocument",
                description = "The document of this version, as sent.")
        @JsonSerialize(using = RawJson.class)
        String document,
        @Schema(ref = "ValidationReport",
                description = "The safety validator's report made when this version was stored.")
        @JsonSerialize(using = RawJson.class)
        String validation) {

    static VersionEnvelope of(ProtocolVersion version) {
        return new VersionEnvelope(version.protocolId, version.versionNumber, version.createdAt, version.createdBy,
                version.sha256, version.documentJson, version.validationReport);
    }

    /** Versions never change, so their entity tag is their content hash. */
    String etag() {
        return "\"" + sha256 + "\"";
    }
}
