package org.protocolregistry.protocol;

import java.util.List;

/** Where a protocol stands in the ethics-board lifecycle (ARCHITECTURE.md). */
public enum ProtocolStatus {
    DRAFT, SUBMITTED, CHANGES_REQUESTED, APPROVED, REJECTED, WITHDRAWN;

    /** The sponsor may replace the document only while it is not under review or decided. */
    public boolean isEditable() {
        return this == DRAFT || this == CHANGES_REQUESTED;
    }

    /** REJECTED and WITHDRAWN end a protocol's life. */
    public boolean isTerminal() {
        return this == REJECTED || this == WITHDRAWN;
    }

    /** The lifecycle actions allowed from this state, as named in 409 answers. */
    public List<String> allowedActions() {
        return switch (this) {
            case DRAFT, CHANGES_REQUESTED -> List.of("edit", "submit", "withdraw");
            case SUBMITTED -> List.of("review", "withdraw");
            case APPROVED -> List.of("amend", "withdraw");
            case REJECTED, WITHDRAWN -> List.of();
        };
    }
}
