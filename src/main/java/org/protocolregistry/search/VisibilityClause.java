package org.protocolregistry.search;

import java.util.ArrayList;
import java.util.Map;

import org.protocolregistry.security.Caller;

/**
 * The SQL form of who sees what (the same rules as protocol.ProtocolAccess): which rows a
 * caller sees at all, and on which of them the caller sees the working version rather than
 * the published one. Parameters are bound by name, never concatenated.
 */
record VisibilityClause(String fullView, String visible, Map<String, Object> parameters) {

    static VisibilityClause of(Caller caller) {
        var parameters = new java.util.HashMap<String, Object>();
        String fullView;
        if (caller.isAdmin()) {
            fullView = "1=1";
        } else {
            var parts = new ArrayList<String>();
            if (caller.isSponsor() && caller.org() != null) {
                parts.add("p.sponsor_org = :callerOrg");
                parameters.put("callerOrg", caller.org());
            }
            if (caller.isReviewer()) {
                parts.add("p.first_submitted_at IS NOT NULL");
            }
            fullView = parts.isEmpty() ? "1=0" : "(" + String.join(" OR ", parts) + ")";
        }
        var published = "(p.approved_version IS NOT NULL AND p.status NOT IN ('REJECTED', 'WITHDRAWN'))";
        var visible = caller.isViewer() ? "(" + fullView + " OR " + published + ")" : fullView;
        return new VisibilityClause(fullView, visible, Map.copyOf(parameters));
    }

    /** The state a caller sees: viewers of an amended protocol see it APPROVED. */
    String effectiveStatus() {
        return "(CASE WHEN " + fullView + " THEN p.status ELSE 'APPROVED' END)";
    }

    /** The version a caller sees. */
    String effectiveVersion() {
        return "(CASE WHEN " + fullView + " THEN p.current_version ELSE p.approved_version END)";
    }
}
