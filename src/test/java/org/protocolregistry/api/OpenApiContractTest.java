package org.protocolregistry.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The committed openapi/openapi.yaml is the published contract: it must be exactly what the
 * service serves, and complete.
 */
@QuarkusTest
class OpenApiContractTest {

    private static final Path COMMITTED = Path.of("openapi", "openapi.yaml");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void committedDocumentIsWhatTheServiceServes() throws IOException {
        var served = given().accept("application/yaml").get("/q/openapi").then().statusCode(200).extract().asString();

        // Compared as data: the build and the running service order some keys differently.
        var differences = new ArrayList<String>();
        diff("", YAML.readTree(COMMITTED.toFile()), YAML.readTree(served), differences);
        assertThat(differences)
                .as("openapi/openapi.yaml is out of date: regenerate it with ./mvnw package -DskipTests and commit it")
                .isEmpty();
    }

    @Test
    void everyOperationHasASummaryAnIdSecurityAndDocumentedErrors() throws IOException {
        var document = YAML.readTree(COMMITTED.toFile());
        var problems = new ArrayList<String>();
        for (Map.Entry<String, JsonNode> path : document.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                var name = operation.getKey().toUpperCase() + " " + path.getKey();
                var node = operation.getValue();
                if (!node.hasNonNull("summary")) {
                    problems.add(name + " has no summary");
                }
                if (!node.hasNonNull("operationId")) {
                    problems.add(name + " has no operationId");
                }
                if (!node.has("security")) {
                    problems.add(name + " declares no security");
                }
                for (var status : new String[] {"401", "403", "406", "500"}) {
                    if (!node.get("responses").has(status)) {
                        problems.add(name + " does not document " + status);
                    }
                }
                node.get("responses").properties().forEach(response -> {
                    var content = response.getValue().path("content");
                    content.properties().forEach(media -> {
                        if (!media.getValue().has("example") && !media.getValue().has("examples")) {
                            problems.add(name + " response " + response.getKey() + " " + media.getKey()
                                    + " has no example");
                        }
                    });
                });
            }
        }
        assertThat(problems).isEmpty();
        assertThat(document.at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");
        assertThat(document.at("/components/schemas/Problem/properties/violations").isMissingNode()).isFalse();
        assertThat(document.at("/components/schemas/Phase/enum")).hasSize(8);
    }

    /** Collects the JSON Pointers at which two documents differ (at most 20). */
    private static void diff(String pointer, JsonNode committed, JsonNode served, List<String> differences) {
        if (differences.size() >= 20 || committed.equals(served)) {
            return;
        }
        if (committed.isObject() && served.isObject()) {
            var names = new TreeSet<String>();
            committed.fieldNames().forEachRemaining(names::add);
            served.fieldNames().forEachRemaining(names::add);
            for (var name : names) {
                var a = committed.get(name);
                var b = served.get(name);
                if (a == null || b == null) {
                    differences.add(pointer + "/" + name + (a == null ? " only served" : " only committed"));
                } else {
                    diff(pointer + "/" + name, a, b, differences);
                }
            }
        } else {
            differences.add(pointer + " differs");
        }
    }
}
