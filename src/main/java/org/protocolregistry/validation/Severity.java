package org.protocolregistry.validation;

/** How much a finding matters; the order is from most to least severe. */
public enum Severity {
    /** Blocks submission (a ClinicalTrials.gov PRS error or a "Major" QC comment). */
    ERROR,
    /** The ethics board must look at it (a PRS warning). */
    WARNING,
    /** Advice (a PRS note). */
    INFO
}
