package org.protocolregistry.review;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A reviewer's comment, optionally anchored to a field of the reviewed version. */
@Schema(name = "ReviewComment")
public record ReviewComment(
        @Schema(description = "JSON Pointer into the reviewed version's document; it must resolve.", nullable = true,
                examples = "/dosing/initialDoseMg")
        String pointer,
        @Schema(description = "The comment (1 to 5,000 characters).", examples = "Justify 120 mg for 48 kg participants.")
        String text) {
}
