package org.protocolregistry.audit;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The result of recomputing the audit chain. */
@Schema(name = "ChainVerification", description = "The audit chain recomputed from its first event.")
public record ChainVerification(
        @Schema(description = "True when every event's hash and link is as stored.") boolean intact,
        @Schema(description = "How many events were checked.") long eventsChecked,
        @Schema(description = "The first event whose content, hash or link does not check out; null when intact.",
                nullable = true)
        BrokenLink firstBrokenLink) {

    /** Where the chain breaks, and why. */
    @Schema(name = "BrokenLink")
    public record BrokenLink(long sequenceNumber, @Schema(nullable = true) String protocolId, String reason) {
    }
}
