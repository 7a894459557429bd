package org.protocolregistry.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.protocolregistry.testing.Examples;
import org.protocolregistry.testing.PackagedApp;
import org.protocolregistry.testing.ProtocolApi;
import org.protocolregistry.testing.Tokens;

/**
 * The packaged jar with its default configuration keeps protocols in ./data (H2 file mode)
 * and they survive a restart; with the PostgreSQL build, in the configured database.
 */
class ProtocolStoreRestartIT {

    @TempDir
    Path workingDirectory;

    @Test
    void acknowledgedProtocolsSurviveARestart() throws Exception {
        var token = PackagedApp.devToken("sponsor", Tokens.uniqueOrg(), "restart-test");
        var http = HttpClient.newHttpClient();
        var sent = Examples.bytes(Examples.FIBROMYALGIA);
        String location;
        String etag;
        try (var app = new PackagedApp(workingDirectory, PackagedApp.databaseProperties())) {
            app.start();
            var created = http.send(HttpRequest.newBuilder(app.uri(ProtocolApi.PROTOCOLS))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(sent)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            location = created.headers().firstValue("Location").orElseThrow();
            etag = created.headers().firstValue("ETag").orElseThrow();
            app.stop();
            if (PackagedApp.databaseProperties().isEmpty()) {
                assertThat(workingDirectory.resolve("data/registry.mv.db")).exists();
            }

            app.start();
            var path = java.net.URI.create(location).getPath();
            var read = http.send(HttpRequest.newBuilder(app.uri(path))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());

            assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
            assertThat(read.headers().firstValue("ETag")).contains(etag);
            JsonNode body = ProtocolApi.json(read.body());
            assertThat(body.get("document")).isEqualTo(ProtocolApi.json(sent));
            assertThat(body.get("version").asInt()).isEqualTo(1);
        }
    }
}
