package org.protocolregistry.validation.rules;

import static org.protocolregistry.validation.rules.Sections.blinding;
import static org.protocolregistry.validation.rules.Sections.registration;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.protocolregistry.protocol.document.ProtocolDocument;
import org.protocolregistry.protocol.document.ProtocolDocument.Allocation;
import org.protocolregistry.protocol.document.ProtocolDocument.Masking;
import org.protocolregistry.protocol.document.ProtocolDocument.OutcomeDomain;
import org.protocolregistry.protocol.document.ProtocolDocument.OutcomeInstrument;
import org.protocolregistry.protocol.document.ProtocolDocument.OutcomeMeasure;
import org.protocolregistry.protocol.document.ProtocolDocument.OutcomeType;
import org.protocolregistry.validation.Findings;
import org.protocolregistry.validation.Rule;
import org.protocolregistry.validation.RuleCategory;
import org.protocolregistry.validation.Severity;
import org.protocolregistry.validation.Thresholds;

/** Outcomes and design: registrable outcome measures, the IMMPACT core outcomes, blinding and arms. */
final class OutcomeRules {

    private static final String OUTCOMES = "/outcomeMeasures";

    /** Titles PRS flags as non-specific, lower case; compared stripped and ignoring case. */
    private static final List<String> NON_SPECIFIC_TITLES =
            List.of("safety", "efficacy", "tolerability", "feasibility", "satisfaction");

    private static final List<OutcomeInstrument> PAIN_INTENSITY_INSTRUMENTS = List.of(
            OutcomeInstrument.NRS_PAIN_INTENSITY, OutcomeInstrument.VAS_PAIN, OutcomeInstrument.BPI_SEVERITY);

    private static final List<OutcomeDomain> IMMPACT_CORE_DOMAINS = List.of(
            OutcomeDomain.PAIN, OutcomeDomain.PHYSICAL_FUNCTIONING, OutcomeDomain.EMOTIONAL_FUNCTIONING,
            OutcomeDomain.GLOBAL_IMPROVEMENT, OutcomeDomain.ADVERSE_EVENTS, OutcomeDomain.DISPOSITION);

    private static final int MIN_RANDOMIZED_ARMS = 2;

    static final Rule OUT_001 = new Rule("OUT-001", RuleCategory.OUTCOMES_AND_DESIGN, Set.of(Severity.ERROR),
            "A primary outcome is stated",
            "No outcome measure has type PRIMARY (an absent or empty list included).",
            "SPIRIT item 12; a PRS required field.", List.of()) {
        @Override
        public void check(ProtocolDocument document, Thresholds thresholds, Findings findings) {
            var outcomes = outcomes(document);
            if (outcomes.stream().anyMatch(OutcomeRules::isPrimary)) {
                return;
            }
            var found = outcomes.isEmpty() ? "No outcome measure is stated"
                    : "None of the " + outcomes.size() + " outcome measures has type PRIMARY";
            findings.report(this, Severity.ERROR, OUTCOMES,
                    found + "; add the main outcome with type PRIMARY (SPIRIT item 12; ClinicalTrials.gov requires "
                            + "a primary outcome).");
        }
    };

    static final Rule OUT_002 = new Rule("OUT-002", RuleCategory.OUTCOMES_AND_DESIGN, Set.of(Severity.ERROR),
            "Outcome measures have a title, description and time frame",
            "An outcome measure lacks its title, description or time frame; each missing field is a finding "
                    + "of its own.",
            "Required PRS outcome fields.", List.of()) {
        @Override
        public void check(ProtocolDocument document, Thresholds thresholds, Findings findings) {
            var outcomes = outcomes(document);
            for (int i = 0; i < outcomes.size(); i++) {
                var outcome = outcomes.get(i);
                requireText(this, findings, i, "title", outcome.title(),
                        "give it a specific title naming what is measured");
                requireText(this, findings, i, "description", outcome.description(),
                        "describe the metric and how it is measured");
                requireText(this, findings, i, "timeFrame", outcome.timeFrame(),
                        "state when it is assessed, e.g. \"Baseline to week 16\"");
            }
        }
    };

    static final Rule OUT_003 = new Rule("OUT-003", RuleCategory.OUTCOMES_AND_DESIGN, Set.of(Severity.WARNING),
            "Outcome titles are specific",
            "An outcome title is only \"safety\", \"efficacy\", \"tolerability\", \"feasibility\" or "
                    + "\"satisfaction\" (surrounding whitespace removed, case ignored).",
            "PRS warns on non-specific outcome titles.", List.of()) {
        @Override
        public void check(ProtocolDocument document, Thresholds thresholds, Findings findings) {
            var outcomes = outcomes(document);
            for (int i = 0; i < outcomes.size(); i++) {
                var title = outcomes.get(i).title();
                if (title != null && isNonSpecific(title)) {
                    findings.report(this, Severity.WARNING, element(i) + "/title",
                            "Outcome " + (i + 1) + " is titled " + Values.quote(title.strip())
                                    + ", which does not say what is measured; name the measure itself, e.g. "
                                    + "\"Number of participants with treatment-emergent adverse events\".");
                }
            }
        }
    };

    static final Rule OUT_004 = new Rule("OUT-004", RuleCategory.OUTCOMES_AND_DESIGN, Set.of(Severity.WARNING),
            "A primary outcome measures pain intensity",
            "No PRIMARY outcome uses NRS_PAIN_INTENSITY, VAS_PAIN or BPI_SEVERITY as its instrument.",
            "IMMPACT core pain-intensity measure.", List.of()) {
        @Override
        public void check(ProtocolDocument document, Thresholds thresholds, Findings findings) {
            var primaries = outcomes(document).stream().filter(OutcomeRules::isPrimary).toList();
            // List.of(...).contains(null) throws, and an outcome may state no instrument.
            if (primaries.stream().anyMatch(o -> o.instrument() != null
                    && PAIN_INTENSITY_INSTRUMENTS.contains(o.instrument()))) {
                return;
            }
            var instruments = distinct(primaries, OutcomeMeasure::instrument);
            var found = primaries.isEmpty() ? "No PRIMARY outcome is stated"
                    : instruments.isEmpty() ? "No PRIMARY outcome states its instrument"
                    : "The PRIMARY outcomes use " + Values.names(instruments) + ", none a pain-intensity measure";
            findings.report(this, Severity.WARNING, OUTCOMES,
                    found + "; measure pain intensity in a primary outcome with NRS_PAIN_INTENSITY, VAS_PAIN "
                            + "or BPI_SEVERITY (IMMPACT core measure).");
        }
    };

    static final Rule OUT_005 = new Rule("OUT-005", RuleCategory.OUTCOMES_AND_DESIGN, Set.of(Severity.WARNING),
            "The IMMPACT core domains are covered",
            "The outcome measures' domains lack any of PAIN, PHYSICAL_FUNCTIONING, EMOTIONAL_FUNCTIONING, "
                    + "GLOBAL_IMPROVEMENT, ADVERSE_EVENTS and DISPOSITION; one finding names every missing domain.",
            "IMMPACT core outcome domains (Turk et al. 2003).", List.of()) {
        @Override
        public void check(ProtocolDocument document, Thresholds thresholds, Findings findings) {
            var covered = distinct(outcomes(document), OutcomeMeasure::domain);
            var missing = Values.lacking(Set.copyOf(covered), IMMPACT_CORE_DOMAINS);
            if (missing.isEmpty()) {
                return;
            }
            var found = covered.isEmpty() ? "no outcome states a domain"
                    : "the outcomes cover " + Values.names(covered);
            findings.report(this, Severity.WARNING, OUTCOMES,
                    "The outcome measures lack the IMMPACT core domain" + (missing.size() == 1 ? " " : "s ")
                            + Values.names(missing) + " (" + found + "); add an outcome for each missing domain "
                            + "(Turk et al. 2003).");
        }
    };

    static final Rule OUT_006 = new Rule("OUT-006", RuleCategory.OUTCOMES_AND_DESIGN, Set.of(Severity.WARNING),
            "A masked trial uses independent raters and checks blinding",
            "Masking is stated and not NONE, and blinding.independentRaters or "
                    + "blinding.blindingIntegrityAssessment is not true; each is a finding of its own.",
            "Functional unblinding was a central objection at the 2024 FDA advisory committee.", List.of()) {
        @Override
        public void check(ProtocolDocument document, Thresholds thresholds, Findings findings) {
            var masking = registration(document).masking();
            if (masking == null || masking == Masking.NONE) {
                return;
            }
            var blinding = blinding(document);
            if (Values.isNotTrue(blinding.independentRaters())) {
                findings.report(this, Severity.WARNING, "/blinding/independentRaters",
                        "Masking is " + masking + " but independent raters are " + stated(blinding.independentRaters())
                                + "; have outcomes rated by assessors who are not present at dosing sessions and set "
                                + "independentRaters to true, since MDMA's effects unblind participants and "
                                + "therapists.");
            }
            if (Values.isNotTrue(blinding.blindingIntegrityAssessment())) {
                findings.report(this, Severity.WARNING, "/blinding/blindingIntegrityAssessment",
                        "Masking is " + masking + " but a blinding integrity assessment is "
                                + stated(blinding.blindingIntegrityAssessment())
                                + "; ask participants and raters to guess the allocation and set "
                                + "blindingIntegrityAssessment to true.");
            }
        }
    };

    static final Rule OUT_007 = new Rule("OUT-007", RuleCategory.OUTCOMES_AND_DESIGN, Set.of(Severity.ERROR),
            "A randomized trial has at least two arms",
            "Allocation is RANDOMIZED and fewer than 2 arms are stated.",
            "Inconsistent design.", List.of()) {
        @Override
        public void check(ProtocolDocument document, Thresholds thresholds, Findings findings) {
            var arms = Sections.list(document.arms()).size();
            if (registration(document).allocation() == Allocation.RANDOMIZED && arms < MIN_RANDOMIZED_ARMS) {
                findings.report(this, Severity.ERROR, "/arms",
                        "Allocation is RANDOMIZED but " + (arms == 0 ? "no arm is" : "only " + arms + " arm is")
                                + " stated; describe at least " + MIN_RANDOMIZED_ARMS
                                + " arms (for example the comparator) or correct the allocation.");
            }
        }
    };

    private OutcomeRules() {
    }

    static List<Rule> all() {
        return List.of(OUT_001, OUT_002, OUT_003, OUT_004, OUT_005, OUT_006, OUT_007);
    }

    private static List<OutcomeMeasure> outcomes(ProtocolDocument document) {
        return Sections.list(document.outcomeMeasures());
    }

    private static boolean isPrimary(OutcomeMeasure outcome) {
        return outcome.type() == OutcomeType.PRIMARY;
    }

    private static String element(int index) {
        return OUTCOMES + "/" + index;
    }

    private static void requireText(Rule rule, Findings findings, int index, String field, String value, String fix) {
        if (Values.isMissing(value)) {
            findings.report(rule, Severity.ERROR, element(index) + "/" + field,
                    "Outcome " + (index + 1) + " has no " + field + "; " + fix + " (a required PRS outcome field).");
        }
    }

    private static boolean isNonSpecific(String title) {
        var stripped = title.strip();
        return NON_SPECIFIC_TITLES.stream().anyMatch(stripped::equalsIgnoreCase);
    }

    /** The distinct non-null codes of the outcomes, in code order, for a message. */
    private static <E extends Enum<E>> List<E> distinct(List<OutcomeMeasure> outcomes,
            Function<OutcomeMeasure, E> code) {
        var codes = new ArrayList<E>();
        for (var outcome : outcomes) {
            var value = code.apply(outcome);
            if (value != null && !codes.contains(value)) {
                codes.add(value);
            }
        }
        codes.sort(null);
        return codes;
    }

    private static String stated(Boolean value) {
        return value == null ? "not stated" : "stated as " + value;
    }
}
