package org.protocolregistry.protocol;

/** Where a protocol stands in the ethics-board lifecycle (ARCHITECTURE.md). */
public enum ProtocolStatus {
    DRAFT, SUBMITTED, CHANGES_REQUESTED, APPROVED, REJECTED, WITHDRAWN;

    /** The sponsor may replace the document only while it is not under review or decided. */
    public boolean isEditable() {
        return this == DRAFT || this == CHANGES_REQUESTED;
    }
}
