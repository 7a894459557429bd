package org.protocolregistry.validation;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.protocolregistry.protocol.document.DocumentParser;
import org.protocolregistry.protocol.document.ProtocolDocument;
import org.protocolregistry.testing.Examples;

/**
 * Time to validate each example protocol on one thread (target: median ≤ 20 µs per document),
 * and, for context, to parse and validate the raw bytes. Run with {@code ./mvnw -Pbenchmark clean test}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class ValidatorBenchmark {

    private SafetyValidator validator;
    private ProtocolDocument complete;
    private ProtocolDocument draft;
    private byte[] completeBytes;

    @Setup
    public void setUp() {
        validator = new SafetyValidator(Thresholds.DEFAULTS);
        completeBytes = Examples.bytes(Examples.FIBROMYALGIA);
        complete = DocumentParser.parse(completeBytes).model();
        draft = DocumentParser.parse(Examples.bytes(Examples.NEUROPATHIC_DRAFT)).model();
    }

    @Benchmark
    public ValidationReport validateCompleteProtocol() {
        return validator.validate(complete);
    }

    @Benchmark
    public ValidationReport validateDraftProtocol() {
        return validator.validate(draft);
    }

    @Benchmark
    public ValidationReport parseAndValidateCompleteProtocol() {
        return validator.validate(DocumentParser.parse(completeBytes).model());
    }
}
