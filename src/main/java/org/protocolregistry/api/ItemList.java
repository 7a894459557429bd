package org.protocolregistry.api;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The shape of every list response: the items, a token for the next page (or null) and a total. */
public record ItemList<T>(
        List<T> items,
        @Schema(description = "Opaque token of the next page; null on the last page.", nullable = true)
        String nextPageToken,
        @Schema(description = "Number of items in the whole list, when known.", nullable = true)
        Long totalCount) {

    /** A list that fits in one page. */
    public static <T> ItemList<T> complete(List<T> items) {
        return new ItemList<>(List.copyOf(items), null, (long) items.size());
    }
}
