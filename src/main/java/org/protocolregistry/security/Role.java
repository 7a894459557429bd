package org.protocolregistry.security;

/** The roles a token's {@code groups} claim may carry. */
public final class Role {

    /** A trial sponsor's API client, bound to one organisation by the {@code org} claim. */
    public static final String SPONSOR = "sponsor";
    /** An ethics-board member. */
    public static final String REVIEWER = "reviewer";
    /** A dashboard or the public: approved protocols only. */
    public static final String VIEWER = "viewer";
    /** The registry operator. */
    public static final String ADMIN = "admin";

    private Role() {
    }
}
