package org.protocolregistry.testing;

import java.util.ArrayList;

import io.quarkus.test.junit.callback.QuarkusTestAfterAllCallback;
import io.quarkus.test.junit.callback.QuarkusTestAfterEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestBeforeClassCallback;
import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestContext;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;

/**
 * Installs {@link ContractValidationFilter} for every {@code @QuarkusTest}: Quarkus finds these
 * callbacks through {@code META-INF/services} and runs them in the application's class loader, the
 * one whose RestAssured the tests use, so a new test class cannot opt out by forgetting something.
 * After each test it fails the test if a contract failure was recorded that the test swallowed; after
 * each class it prints what the checks cost.
 */
public final class ContractValidationCallbacks
        implements QuarkusTestBeforeClassCallback, QuarkusTestBeforeEachCallback, QuarkusTestAfterEachCallback,
        QuarkusTestAfterAllCallback {

    private static volatile String currentClass = "";

    @Override
    public void beforeClass(Class<?> testClass) {
        currentClass = testClass.getSimpleName();
        install();
    }

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        // Again before each test, in case a test replaced RestAssured's filters.
        install();
    }

    @Override
    public void afterEach(QuarkusTestMethodContext context) {
        var failures = ContractValidationFilter.instance().takeFailures();
        if (!failures.isEmpty() && context.getTestStatus().getTestErrorCause() == null) {
            throw new AssertionError(failures.size() + " exchange(s) broke the contract openapi/openapi.yaml "
                    + "(and the test caught the error):\n" + String.join("\n\n", failures));
        }
    }

    @Override
    public void afterAll(QuarkusTestContext context) {
        // Checked are exactly the @QuarkusTest classes: other tests that use RestAssured later start clean.
        uninstall();
        // The cost of the checks, per test class, in the test output.
        System.out.println("[contract] " + currentClass + ": "
                + ContractValidationFilter.instance().takeCost());
    }

    private static void install() {
        var filter = ContractValidationFilter.instance();
        if (!RestAssured.filters().contains(filter)) {
            RestAssured.filters(filter);
        }
    }

    private static void uninstall() {
        var others = new ArrayList<>(RestAssured.filters());
        others.remove(ContractValidationFilter.instance());
        RestAssured.replaceFiltersWith(others);
    }
}
