package org.protocolregistry.protocol;

/** If-Match evaluation (RFC 9110 section 13.1.1): strong comparison, a list of tags, or "*". */
final class EntityTags {

    private EntityTags() {
    }

    /** A strong tag for a page of results: changes when any item, the paging or the selection changes. */
    static String ofPage(java.util.List<String> itemTags, String nextPageToken, Long totalCount,
            java.util.Set<String> fields) {
        var content = String.join(",", itemTags) + "|" + nextPageToken + "|" + totalCount + "|" + fields;
        try {
            var digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "\"" + java.util.HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True when the If-Match (or If-None-Match) header value lists the current tag or is "*". */
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
