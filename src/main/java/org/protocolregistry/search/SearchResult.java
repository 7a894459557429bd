package org.protocolregistry.search;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.protocolregistry.protocol.ProtocolEnvelope;

/** One page of a search. Items are envelopes, or only the members asked for with fields. */
@Schema(name = "ProtocolPage")
public record SearchResult(
        @Schema(implementation = ProtocolEnvelope.class, type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY,
                description = "The protocols of this page; with fields, only the members asked for.")
        List<Object> items,
        @Schema(description = "Token of the next page, bound to this search; null on the last page.", nullable = true)
        String nextPageToken,
        @Schema(description = "Number of matching protocols, with countTotal=true.", nullable = true)
        Long totalCount) {
}
