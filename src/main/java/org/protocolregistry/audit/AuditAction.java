package org.protocolregistry.audit;

/** What happened to a protocol. */
public enum AuditAction {
    CREATE, UPDATE, SUBMIT, REVIEW, AMEND, WITHDRAW
}
