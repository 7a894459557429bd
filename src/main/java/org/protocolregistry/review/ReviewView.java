package org.protocolregistry.review;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.protocolregistry.protocol.ProtocolLifecycle.Decision;

/** A recorded review decision. */
@Schema(name = "Review")
public record ReviewView(
        long id,
        String protocolId,
        @Schema(description = "The version decided on.") int version,
        @Schema(description = "Token subject of the reviewer.") String reviewer,
        Decision decision,
        @Schema(nullable = true) String summary,
        List<ReviewComment> comments,
        Instant createdAt) {
}
