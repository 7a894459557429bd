package org.protocolregistry.security;

import java.util.Set;

import org.protocolregistry.api.ProblemException;
import org.protocolregistry.api.ProblemType;

/**
 * Who is calling, as the verified token says: subject, sponsor organisation (sponsors
 * only) and roles.
 */
public record Caller(String subject, String org, Set<String> roles) {

    /** Bounds of the columns that record owners and authors. */
    static final int MAX_ORG_LENGTH = 200;
    static final int MAX_SUBJECT_LENGTH = 255;

    public Caller {
        roles = Set.copyOf(roles);
    }

    public boolean isAdmin() {
        return roles.contains(Role.ADMIN);
    }

    public boolean isReviewer() {
        return roles.contains(Role.REVIEWER);
    }

    public boolean isViewer() {
        return roles.contains(Role.VIEWER);
    }

    public boolean isSponsor() {
        return roles.contains(Role.SPONSOR);
    }

    /** True when the caller is a sponsor of the given organisation. */
    public boolean isSponsorOf(String sponsorOrg) {
        return isSponsor() && org != null && org.equals(sponsorOrg);
    }

    /** The sponsor's organisation; a sponsor token without a usable {@code org} claim is refused. */
    public String requireSponsorOrg() {
        if (org == null || org.isBlank() || org.length() > MAX_ORG_LENGTH) {
            throw new ProblemException(ProblemType.FORBIDDEN,
                    "A sponsor token must carry an org claim of 1 to " + MAX_ORG_LENGTH + " characters.");
        }
        return org;
    }

    /** The token subject, as recorded on what the caller writes. */
    public String requireSubject() {
        if (subject == null || subject.isBlank() || subject.length() > MAX_SUBJECT_LENGTH) {
            throw new ProblemException(ProblemType.FORBIDDEN,
                    "The token must carry a sub (or upn) claim of 1 to " + MAX_SUBJECT_LENGTH + " characters.");
        }
        return subject;
    }
}
