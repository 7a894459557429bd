package org.protocolregistry.audit;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An audit event as the API shows it. */
@Schema(name = "AuditEntry", description = "One step in a protocol's history, hash-chained to the one before.")
public record AuditEntry(
        @Schema(description = "Position in the registry-wide chain.") long sequenceNumber,
        String protocolId,
        @Schema(description = "Token subject of who acted.") String actorSubject,
        @Schema(description = "Sponsor organisation of who acted, for sponsors.", nullable = true) String actorOrg,
        @Schema(description = "The role in which they acted.", examples = "reviewer") String actorRole,
        AuditAction action,
        @Schema(nullable = true, examples = "DRAFT") String fromState,
        @Schema(examples = "SUBMITTED") String toState,
        @Schema(description = "The protocol version concerned.") int version,
        Instant occurredAt,
        @Schema(description = "Id of the HTTP request that caused it.", nullable = true) String requestId,
        @Schema(description = "SHA-256 of the previous event (hex).") String previousHash,
        @Schema(description = "SHA-256 of this event's content and previousHash (hex).") String hash) {

    static AuditEntry of(AuditEvent event) {
        return new AuditEntry(event.sequenceNumber, event.protocolId, event.actorSubject, event.actorOrg,
                event.actorRole, AuditAction.valueOf(event.action), event.fromState, event.toState,
                event.versionNumber, event.occurredAt, event.requestId, event.previousHash, event.hash);
    }
}
