package org.protocolregistry.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The product owner's example protocols, copied byte for byte into src/main/resources/examples (they also serve as OpenAPI examples). */
public final class Examples {

    /** Complete phase 2 protocol; the validator yields exactly one WARNING (DOSE-010). */
    public static final String FIBROMYALGIA = "fibromyalgia-phase2.json";
    /** An early, incomplete draft. */
    public static final String NEUROPATHIC_DRAFT = "neuropathic-open-label-draft.json";

    private Examples() {
    }

    public static byte[] bytes(String name) {
        try (var in = Examples.class.getResourceAsStream("/examples/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no example " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }
}
