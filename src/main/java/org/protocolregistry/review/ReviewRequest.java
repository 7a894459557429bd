package org.protocolregistry.review;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.protocolregistry.protocol.ProtocolLifecycle.Decision;

/** A reviewer's decision on the submitted version, with comments. */
@Schema(name = "ReviewRequest")
public record ReviewRequest(
        @Schema(required = true) Decision decision,
        @Schema(description = "The version being decided on; when given, it must be the submitted one.", nullable = true)
        Integer version,
        @Schema(description = "Overall remarks (up to 10,000 characters).", nullable = true) String summary,
        @Schema(description = "Comments, each optionally anchored to a field (at most 200).", nullable = true)
        List<ReviewComment> comments) {
}
