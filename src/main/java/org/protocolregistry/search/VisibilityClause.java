package org.protocolregistry.search;

import java.util.ArrayList;
import java.util.Map;

import org.protocolregistry.security.Caller;

/**
 * The SQL form of who sees what (the same rules as protocol.ProtocolAccess): which rows a
 * caller sees at all, and on which of them the caller sees the working version rather than
 * the published one. Parameters are bound by name, never concatenated. Written over the
 * protocol table or over the statistics tallies, which carry the same facts in other columns.
 */
record VisibilityClause(String fullView, String visible, String status, Map<String, Object> parameters) {

    /** Where a row says whose it is, whether it was ever submitted, whether it is published, and its status. */
    private record Columns(String sponsorOrg, String everSubmitted, String published, String status) {
    }

    private static final Columns PROTOCOL = new Columns("p.sponsor_org", "p.first_submitted_at IS NOT NULL",
            "(p.approved_version IS NOT NULL AND p.status NOT IN ('REJECTED', 'WITHDRAWN'))", "p.status");

    /** The statistics tallies (V5): the audience column holds PRIVATE, SUBMITTED or PUBLISHED. */
    private static final Columns TALLY = new Columns("t.sponsor_org", "t.audience <> 'PRIVATE'",
            "t.audience = 'PUBLISHED'", "t.status");

    /** Over the protocol table, aliased {@code p}. */
    static VisibilityClause of(Caller caller) {
        return of(caller, PROTOCOL);
    }

    /** Over a statistics tally, aliased {@code t}. */
    static VisibilityClause overTallies(Caller caller) {
        return of(caller, TALLY);
    }

    private static VisibilityClause of(Caller caller, Columns columns) {
        var parameters = new java.util.HashMap<String, Object>();
        String fullView;
        if (caller.isAdmin()) {
            fullView = "1=1";
        } else {
            var parts = new ArrayList<String>();
            if (caller.isSponsor() && caller.org() != null) {
                parts.add(columns.sponsorOrg() + " = :callerOrg");
                parameters.put("callerOrg", caller.org());
            }
            if (caller.isReviewer()) {
                parts.add(columns.everSubmitted());
            }
            fullView = parts.isEmpty() ? "1=0" : "(" + String.join(" OR ", parts) + ")";
        }
        var visible = caller.isViewer() ? "(" + fullView + " OR " + columns.published() + ")" : fullView;
        return new VisibilityClause(fullView, visible, columns.status(), Map.copyOf(parameters));
    }

    /** The state a caller sees: viewers of an amended protocol see it APPROVED. */
    String effectiveStatus() {
        return "(CASE WHEN " + fullView + " THEN " + status + " ELSE 'APPROVED' END)";
    }

    /** The version a caller sees (over the protocol table only). */
    String effectiveVersion() {
        return "(CASE WHEN " + fullView + " THEN p.current_version ELSE p.approved_version END)";
    }
}
