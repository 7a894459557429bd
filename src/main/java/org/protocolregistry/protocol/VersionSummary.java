package org.protocolregistry.protocol;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One entry of a protocol's version list. */
@Schema(name = "VersionSummary", description = "One immutable version of a protocol, without its document.")
public record VersionSummary(
        @Schema(examples = "2") int version,
        @Schema(description = "When the version was stored (ISO-8601, UTC).") Instant createdAt,
        @Schema(description = "Token subject of the sponsor client that stored it.", examples = "sponsor-client-1")
        String createdBy,
        @Schema(description = "SHA-256 (hex) of the version's canonical JSON.") String sha256) {
}
