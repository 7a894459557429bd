package org.protocolregistry.api;

import java.util.List;
import java.util.Map;

/**
 * Thrown anywhere in request handling to answer with a problem detail. It carries no
 * stack trace: it is an expected outcome, not a fault.
 */
public class ProblemException extends RuntimeException {

    private final ProblemType type;
    private final String detail;
    private final List<Violation> violations;
    private final Map<String, String> headers;

    public ProblemException(ProblemType type, String detail) {
        this(type, detail, null, Map.of());
    }

    public ProblemException(ProblemType type, String detail, List<Violation> violations) {
        this(type, detail, violations, Map.of());
    }

    public ProblemException(ProblemType type, String detail, List<Violation> violations, Map<String, String> headers) {
        super(detail, null, false, false);
        this.type = type;
        this.detail = detail;
        this.violations = violations == null ? null : List.copyOf(violations);
        this.headers = Map.copyOf(headers);
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(ProblemType.NOT_FOUND, what + " does not exist or is not visible to you.");
    }

    public ProblemType type() {
        return type;
    }

    public String detail() {
        return detail;
    }

    public List<Violation> violations() {
        return violations;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
