package org.protocolregistry.api;

import java.util.List;
import java.util.Map;

import org.protocolregistry.validation.Finding;

/**
 * Thrown anywhere in request handling to answer with a problem detail. It carries no
 * stack trace: it is an expected outcome, not a fault.
 */
public class ProblemException extends RuntimeException {

    private final ProblemType type;
    private final String detail;
    private final List<Violation> violations;
    private final Map<String, String> headers;
    private String currentState;
    private List<String> allowedActions;
    private List<Finding> findings;

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

    /** A lifecycle conflict: names the current state and what may be done from it. */
    public static ProblemException illegalState(String detail, String currentState, List<String> allowedActions) {
        var problem = new ProblemException(ProblemType.ILLEGAL_STATE, detail);
        problem.currentState = currentState;
        problem.allowedActions = List.copyOf(allowedActions);
        return problem;
    }

    /** A submission refused because of ERROR findings. */
    public static ProblemException blockedByFindings(String detail, List<Finding> findings) {
        var problem = new ProblemException(ProblemType.SUBMISSION_BLOCKED, detail);
        problem.findings = List.copyOf(findings);
        return problem;
    }

    public String currentState() {
        return currentState;
    }

    public List<String> allowedActions() {
        return allowedActions;
    }

    public List<Finding> findings() {
        return findings;
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
