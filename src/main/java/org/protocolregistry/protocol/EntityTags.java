package org.protocolregistry.protocol;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/** If-Match evaluation (RFC 9110 section 13.1.1): strong comparison, a list of tags, or "*". */
final class EntityTags {

    private EntityTags() {
    }

    /** A strong tag for a page of results: changes when any item, the paging or the selection changes. */
    static String ofPage(List<String> itemTags, String nextPageToken, Long totalCount,
            Set<String> fields) {
        var content = String.join(",", itemTags) + "|" + nextPageToken + "|" + totalCount + "|" + fields;
        try {
            var digest = MessageDigest.getInstance("SHA-256")
                    .digest(content.getBytes(StandardCharsets.UTF_8));
            return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
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
