package org.protocolregistry.protocol;

/** If-Match evaluation (RFC 9110 section 13.1.1): strong comparison, a list of tags, or "*". */
final class EntityTags {

    private EntityTags() {
    }

    /** True when the If-Match header value lists the current tag or is "*". */
    static boolean matches(String ifMatch, String currentTag) {
        if (ifMatch == null) {
            return false;
        }
        for (var candidate : ifMatch.split(",")) {
            var tag = candidate.trim();
            // Weak tags never match under the strong comparison that If-Match requires.
            if (tag.equals("*") || tag.equals(currentTag)) {
                return true;
            }
        }
        return false;
    }
}
