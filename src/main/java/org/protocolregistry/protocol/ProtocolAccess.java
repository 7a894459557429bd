package org.protocolregistry.protocol;

import org.protocolregistry.security.Caller;

/**
 * Who may see which protocol. A protocol the caller may not see answers 404, never 403,
 * so that its existence is not revealed.
 */
final class ProtocolAccess {

    private ProtocolAccess() {
    }

    static boolean canRead(Caller caller, Protocol protocol) {
        if (caller.isAdmin() || caller.isSponsorOf(protocol.sponsorOrg)) {
            return true;
        }
        // Ethics boards see what has been put before them, never a sponsor's unsubmitted work.
        if (caller.isReviewer() && protocol.firstSubmittedAt != null) {
            return true;
        }
        return caller.isViewer() && isPublished(protocol);
    }

    /** Approved and still standing; under amendment, its approved version stays published. */
    static boolean isPublished(Protocol protocol) {
        return protocol.approvedVersion != null && !protocol.status.isTerminal();
    }

    /** Callers who may read the protocol only through its published (approved) version. */
    static boolean seesOnlyPublished(Caller caller, Protocol protocol) {
        return !(caller.isAdmin() || caller.isSponsorOf(protocol.sponsorOrg)
                || caller.isReviewer() && protocol.firstSubmittedAt != null);
    }

    /** Who may read a protocol's audit history: its sponsor, the reviewers who can see it, admins. */
    static boolean canReadHistory(Caller caller, Protocol protocol) {
        return caller.isAdmin() || caller.isSponsorOf(protocol.sponsorOrg)
                || caller.isReviewer() && protocol.firstSubmittedAt != null;
    }

    /** Only the owning sponsor changes a protocol's document. */
    static boolean canEdit(Caller caller, Protocol protocol) {
        return caller.isSponsorOf(protocol.sponsorOrg);
    }
}
