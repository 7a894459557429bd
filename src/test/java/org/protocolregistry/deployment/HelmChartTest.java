package org.protocolregistry.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Helm chart in {@code helm/}, linted and rendered by Helm itself (helm-java embeds Helm as a
 * native library; no helm binary, no cluster). The rendered manifests are parsed and checked for
 * what an operator relies on: hardened pods, the probes, database credentials only from a Secret,
 * the H2 single-replica rule, and the Kubernetes recommended labels on every object.
 *
 * <p>Two limits of helm-java 0.0.21 shape this class: {@code lint()} takes no values file, so the
 * CI values are linted on a copy of the chart whose values.yaml is the defaults merged with them
 * (what {@code helm lint -f} does); and {@code template()} leaves hooks out (manusa/helm-java#416),
 * so the {@code helm test} pod is rendered from a copy in which its hook annotation is renamed.
 */
class HelmChartTest {

    private static final Path CHART = Path.of("helm").toAbsolutePath();
    private static final Path H2_VALUES = CHART.resolve("ci/h2-values.yaml");
    private static final Path POSTGRESQL_VALUES = CHART.resolve("ci/postgresql-values.yaml");
    /** helm-java's default Kubernetes version (1.20) is older than the chart's kubeVersion. */
    private static final String KUBE_VERSION = "v1.30.0";
    private static final String RELEASE = "r";
    private static final String FULLNAME = "r-protocol-registry";
    private static final String APP_VERSION = "1.0.0-SNAPSHOT";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** Just enough for the defaults to render: the service refuses to start without them. */
    private static final String MINIMAL_AUTH = """
            auth:
              issuer: https://idp.example.org/realms/registry
              publicKeyLocation: https://idp.example.org/realms/registry/certs
            """;

    private static final String POSTGRESQL_WITH_PASSWORD = MINIMAL_AUTH + """
            database:
              mode: postgresql
              postgresql:
                host: db.example.org
                password: Sentinel-Pa55word-4711
            """;

    @TempDir
    Path temp;

    // ---------------------------------------------------------------- lint

    @Test
    void defaultValuesPassStrictLint() {
        var result = new Helm(CHART).lint().strict().call();

        assertThat(result.isFailed()).as("lint messages: %s", result.getMessages()).isFalse();
        assertThat(result.getMessages()).noneMatch(message -> message.contains("[WARNING]") || message.contains("[ERROR]"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2-values.yaml", "postgresql-values.yaml"})
    void ciValuesPassStrictLint(String valuesFile) throws IOException {
        var chart = chartCopyWithValues(CHART.resolve("ci").resolve(valuesFile));

        var result = new Helm(chart).lint().strict().call();

        assertThat(result.isFailed()).as("lint messages: %s", result.getMessages()).isFalse();
        assertThat(result.getMessages()).noneMatch(message -> message.contains("[WARNING]") || message.contains("[ERROR]"));
    }

    @Test
    void lintOfMergedValuesReallyChecksThem() throws IOException {
        // The merged-values copy must not be a lint that cannot fail: a value the schema refuses fails it.
        var chart = chartCopyWithValues(writeValues("replicaCount: two\n"));

        var result = new Helm(chart).lint().strict().call();

        assertThat(result.isFailed()).isTrue();
        assertThat(String.join("\n", result.getMessages())).contains("replicaCount");
    }

    @Test
    void schemaRefusesUnknownValues() {
        assertThatThrownBy(() -> render(MINIMAL_AUTH + "replicaCont: 2\n"))
                .hasMessageContaining("replicaCont");
        assertThatThrownBy(() -> render(MINIMAL_AUTH + "database:\n  postgresql:\n    passwd: x\n"))
                .hasMessageContaining("passwd");
    }

    // ---------------------------------------------------------------- defaults and required values

    @Test
    void defaultsRefuseToRenderWithoutTheTokenIssuer() {
        assertThatThrownBy(() -> template(command -> command))
                .hasMessageContaining("auth.issuer is required");
    }

    @Test
    void defaultsRefuseToRenderWithoutAKey() {
        assertThatThrownBy(() -> render("auth:\n  issuer: https://idp.example.org\n"))
                .hasMessageContaining("auth.publicKeyPem")
                .hasMessageContaining("auth.publicKeyLocation");
    }

    @Test
    void defaultsWithAuthAreOneH2PodWithItsDataOnAClaim() {
        var manifests = render(MINIMAL_AUTH);

        var deployment = manifests.one("Deployment");
        assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(1);
        assertThat(deployment.at("/spec/strategy/type").asText()).isEqualTo("Recreate");
        assertThat(container(deployment).at("/image").asText()).isEqualTo("protocol-registry:" + APP_VERSION + "-h2");
        assertThat(manifests.kinds()).contains("PersistentVolumeClaim", "ConfigMap", "Service", "ServiceAccount",
                "PodDisruptionBudget", "NetworkPolicy");
        assertThat(manifests.kinds()).doesNotContain("Secret", "HorizontalPodAutoscaler", "Ingress", "ServiceMonitor");
    }

    // ---------------------------------------------------------------- probes and hardening

    @ParameterizedTest
    @ValueSource(strings = {"h2-values.yaml", "postgresql-values.yaml"})
    void probesCallTheThreeHealthEndpoints(String valuesFile) {
        var server = container(render(CHART.resolve("ci").resolve(valuesFile)).one("Deployment"));

        assertThat(server.at("/startupProbe/httpGet/path").asText()).isEqualTo("/q/health/started");
        assertThat(server.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/q/health/live");
        assertThat(server.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/q/health/ready");
        for (var probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            assertThat(server.at("/" + probe + "/httpGet/port").asText()).as(probe).isEqualTo("http");
        }
        assertThat(server.at("/ports/0/name").asText()).isEqualTo("http");
        assertThat(server.at("/ports/0/containerPort").asInt()).isEqualTo(8080);
        // A JVM that migrates its schema at start-up gets minutes, not seconds, before liveness counts.
        var startupBudget = server.at("/startupProbe/periodSeconds").asInt() * server.at("/startupProbe/failureThreshold").asInt();
        assertThat(startupBudget).isGreaterThanOrEqualTo(120);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2-values.yaml", "postgresql-values.yaml"})
    void podsRunHardened(String valuesFile) {
        var manifests = render(CHART.resolve("ci").resolve(valuesFile));
        var pod = manifests.one("Deployment").at("/spec/template/spec");
        var server = container(manifests.one("Deployment"));

        assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
        assertThat(pod.at("/securityContext/runAsUser").asInt()).isPositive();
        assertThat(pod.at("/securityContext/fsGroup").asInt()).isPositive();
        assertThat(pod.at("/securityContext/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");
        assertThat(pod.at("/automountServiceAccountToken").isBoolean()).isTrue();
        assertThat(pod.at("/automountServiceAccountToken").asBoolean()).isFalse();
        assertThat(pod.at("/enableServiceLinks").asBoolean(true)).isFalse();
        assertThat(manifests.one("ServiceAccount").at("/automountServiceAccountToken").asBoolean(true)).isFalse();

        var security = server.at("/securityContext");
        assertThat(security.at("/allowPrivilegeEscalation").asBoolean(true)).isFalse();
        assertThat(security.at("/privileged").asBoolean(true)).isFalse();
        assertThat(security.at("/readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(security.at("/runAsNonRoot").asBoolean()).isTrue();
        assertThat(texts(security.at("/capabilities/drop"))).containsExactly("ALL");
        assertThat(security.at("/capabilities/add").isMissingNode()).isTrue();
        assertThat(security.at("/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");

        assertThat(server.at("/resources/requests/cpu").isMissingNode()).isFalse();
        assertThat(server.at("/resources/requests/memory").isMissingNode()).isFalse();
        assertThat(server.at("/resources/limits/memory").isMissingNode()).isFalse();

        // The read-only root filesystem needs a writable /tmp.
        var tmpMount = element(server.at("/volumeMounts"), "mountPath", "/tmp");
        var tmpVolume = element(pod.at("/volumes"), "name", tmpMount.at("/name").asText());
        assertThat(tmpVolume.has("emptyDir")).isTrue();
    }

    @Test
    void gracefulShutdownFitsInTheTerminationGracePeriod() {
        var manifests = render(MINIMAL_AUTH);

        var config = manifests.named("ConfigMap", FULLNAME).at("/data");
        assertThat(config.at("/QUARKUS_SHUTDOWN_DELAY").asText()).isEqualTo("5s");
        assertThat(config.at("/QUARKUS_SHUTDOWN_TIMEOUT").asText()).isEqualTo("30s");
        assertThat(manifests.one("Deployment").at("/spec/template/spec/terminationGracePeriodSeconds").asInt())
                .isGreaterThan(5 + 30);
        assertThatThrownBy(() -> render(MINIMAL_AUTH + "terminationGracePeriodSeconds: 30\n"))
                .hasMessageContaining("terminationGracePeriodSeconds (30) must exceed");
    }

    // ---------------------------------------------------------------- H2

    @Test
    void h2KeepsItsDatabaseOnTheClaimMountedAtTheDataDirectory() {
        var manifests = render(H2_VALUES);
        var deployment = manifests.one("Deployment");
        var pod = deployment.at("/spec/template/spec");

        var url = manifests.named("ConfigMap", FULLNAME).at("/data/QUARKUS_DATASOURCE_JDBC_URL").asText();
        assertThat(url).isEqualTo("jdbc:h2:file:/deployments/data/registry;WRITE_DELAY=0");
        var dataMount = element(container(deployment).at("/volumeMounts"), "mountPath", "/deployments/data");
        var dataVolume = element(pod.at("/volumes"), "name", dataMount.at("/name").asText());
        var claim = manifests.one("PersistentVolumeClaim");
        assertThat(dataVolume.at("/persistentVolumeClaim/claimName").asText()).isEqualTo(claim.at("/metadata/name").asText());
        assertThat(claim.at("/spec/resources/requests/storage").asText()).isEqualTo("5Gi");
        assertThat(claim.at("/metadata/annotations/helm.sh~1resource-policy").asText()).isEqualTo("keep");
        assertThat(deployment.at("/spec/strategy/type").asText()).isEqualTo("Recreate");
        assertThat(manifests.kinds()).doesNotContain("Secret", "HorizontalPodAutoscaler");
    }

    @Test
    void h2RefusesASecondReplica() {
        assertThatThrownBy(() -> render(H2_VALUES, "replicaCount: 2\n"))
                .hasMessageContaining("database.mode=h2 runs exactly one replica")
                .hasMessageContaining("two pods cannot share the embedded H2 database file")
                .hasMessageContaining("replicaCount is 2");
    }

    @Test
    void h2RefusesAutoscaling() {
        assertThatThrownBy(() -> render(H2_VALUES, "autoscaling:\n  enabled: true\n"))
                .hasMessageContaining("database.mode=h2 runs exactly one replica, so it cannot autoscale");
    }

    // ---------------------------------------------------------------- PostgreSQL

    @Test
    void postgresqlTakesThePasswordFromTheExistingSecret() {
        var manifests = render(POSTGRESQL_VALUES);
        var server = container(manifests.one("Deployment"));

        var password = element(server.at("/env"), "name", "QUARKUS_DATASOURCE_PASSWORD");
        assertThat(password.has("value")).isFalse();
        assertThat(password.at("/valueFrom/secretKeyRef/name").asText()).isEqualTo("registry-db");
        assertThat(password.at("/valueFrom/secretKeyRef/key").asText()).isEqualTo("password");
        var config = manifests.named("ConfigMap", FULLNAME).at("/data");
        assertThat(config.at("/QUARKUS_DATASOURCE_JDBC_URL").asText())
                .isEqualTo("jdbc:postgresql://postgres.databases.svc.cluster.local:5432/registry?sslmode=require");
        assertThat(config.at("/QUARKUS_DATASOURCE_USERNAME").asText()).isEqualTo("registry");
        assertThat(server.at("/image").asText()).isEqualTo("protocol-registry:" + APP_VERSION + "-postgresql");
        assertThat(manifests.kinds()).doesNotContain("PersistentVolumeClaim");
    }

    @Test
    void noPasswordInPlainTextInAnyManifestWithAnExistingSecret() {
        var manifests = render(POSTGRESQL_VALUES);

        assertThat(manifests.kinds()).doesNotContain("Secret");
        for (var manifest : manifests.all()) {
            // No environment variable, ConfigMap key or annotation that looks like a password holds a value.
            forEachField(manifest, "", (path, name, value) -> assertThat(
                    name.toLowerCase().contains("password") && value.isValueNode())
                    .as("a password-like field with a plain value at %s", path).isFalse());
            for (var env : manifest.findValues("env")) {
                for (var variable : env) {
                    if (variable.path("name").asText().toUpperCase().contains("PASSWORD")) {
                        assertThat(variable.has("value")).as("env %s has a plain value", variable.path("name").asText()).isFalse();
                        assertThat(variable.at("/valueFrom/secretKeyRef").isObject()).isTrue();
                    }
                }
            }
        }
        assertThat(manifests.text().toLowerCase()).doesNotContain("password=");
    }

    @Test
    void aPasswordGivenAsValueLivesOnlyInTheChartsSecret() {
        var manifests = render(POSTGRESQL_WITH_PASSWORD);
        var secret = manifests.one("Secret");

        assertThat(secret.at("/metadata/name").asText()).isEqualTo(FULLNAME + "-database");
        assertThat(new String(Base64.getDecoder().decode(secret.at("/data/password").asText())))
                .isEqualTo("Sentinel-Pa55word-4711");
        var password = element(container(manifests.one("Deployment")).at("/env"), "name", "QUARKUS_DATASOURCE_PASSWORD");
        assertThat(password.at("/valueFrom/secretKeyRef/name").asText()).isEqualTo(FULLNAME + "-database");
        assertThat(password.at("/valueFrom/secretKeyRef/key").asText()).isEqualTo("password");
        // Base64 inside the Secret only: the plain text appears in no manifest at all.
        assertThat(manifests.text()).doesNotContain("Sentinel-Pa55word-4711");
    }

    @Test
    void postgresqlRefusesAnExistingSecretAndAPasswordTogether() {
        assertThatThrownBy(() -> render(POSTGRESQL_VALUES, "database:\n  postgresql:\n    password: also-here\n"))
                .hasMessageContaining("Set either database.postgresql.existingSecret or database.postgresql.password");
    }

    @Test
    void postgresqlRequiresAHostAndAPassword() {
        assertThatThrownBy(() -> render(MINIMAL_AUTH + "database:\n  mode: postgresql\n  postgresql:\n    password: x\n"))
                .hasMessageContaining("database.postgresql.host is required");
        assertThatThrownBy(() -> render(MINIMAL_AUTH + "database:\n  mode: postgresql\n  postgresql:\n    host: db\n"))
                .hasMessageContaining("database.postgresql.existingSecret");
    }

    @Test
    void postgresqlAutoscalesTheDeployment() {
        var manifests = render(POSTGRESQL_VALUES);
        var deployment = manifests.one("Deployment");
        var autoscaler = manifests.one("HorizontalPodAutoscaler");

        assertThat(autoscaler.at("/apiVersion").asText()).isEqualTo("autoscaling/v2");
        assertThat(autoscaler.at("/spec/scaleTargetRef/kind").asText()).isEqualTo("Deployment");
        assertThat(autoscaler.at("/spec/scaleTargetRef/name").asText()).isEqualTo(deployment.at("/metadata/name").asText());
        assertThat(autoscaler.at("/spec/minReplicas").asInt()).isEqualTo(2);
        assertThat(autoscaler.at("/spec/maxReplicas").asInt()).isEqualTo(6);
        assertThat(autoscaler.at("/spec/metrics/0/resource/name").asText()).isEqualTo("cpu");
        // The autoscaler owns the replica count.
        assertThat(deployment.at("/spec/replicas").isMissingNode()).isTrue();
        assertThat(deployment.at("/spec/strategy/type").asText()).isEqualTo("RollingUpdate");
        assertThat(deployment.at("/spec/strategy/rollingUpdate/maxUnavailable").asInt()).isZero();
    }

    @Test
    void postgresqlRunsSeveralFixedReplicas() {
        var manifests = render(POSTGRESQL_WITH_PASSWORD + "replicaCount: 3\n");

        assertThat(manifests.one("Deployment").at("/spec/replicas").asInt()).isEqualTo(3);
        assertThat(manifests.kinds()).doesNotContain("HorizontalPodAutoscaler");
    }

    @Test
    void disruptionBudgetLetsOnePodGoUnlessToldOtherwise() {
        var budget = render(MINIMAL_AUTH).one("PodDisruptionBudget");
        assertThat(budget.at("/spec/maxUnavailable").asInt()).isEqualTo(1);
        assertThat(budget.at("/spec/minAvailable").isMissingNode()).isTrue();

        var stricter = render(POSTGRESQL_WITH_PASSWORD + "replicaCount: 3\npodDisruptionBudget:\n  maxUnavailable: null\n  minAvailable: 2\n")
                .one("PodDisruptionBudget");
        assertThat(stricter.at("/spec/minAvailable").asInt()).isEqualTo(2);
        assertThat(stricter.at("/spec/maxUnavailable").isMissingNode()).isTrue();

        assertThatThrownBy(() -> render(MINIMAL_AUTH + "podDisruptionBudget:\n  minAvailable: 1\n"))
                .hasMessageContaining("Set either podDisruptionBudget.minAvailable or podDisruptionBudget.maxUnavailable");
    }

    // ---------------------------------------------------------------- token verification

    @Test
    void aPublicKeyInPemIsMountedAsAFile() {
        var manifests = render(H2_VALUES);
        var deployment = manifests.one("Deployment");

        var location = manifests.named("ConfigMap", FULLNAME).at("/data/MP_JWT_VERIFY_PUBLICKEY_LOCATION").asText();
        assertThat(location).isEqualTo("file:/etc/protocol-registry/jwt/publicKey.pem");
        assertThat(manifests.named("ConfigMap", FULLNAME).at("/data/MP_JWT_VERIFY_ISSUER").asText())
                .isEqualTo("https://idp.example.org/realms/registry");
        var keyMap = manifests.named("ConfigMap", FULLNAME + "-jwt-key");
        assertThat(keyMap.at("/data/publicKey.pem").asText()).startsWith("-----BEGIN PUBLIC KEY-----");
        var mount = element(container(deployment).at("/volumeMounts"), "mountPath", "/etc/protocol-registry/jwt");
        assertThat(mount.at("/readOnly").asBoolean()).isTrue();
        var volume = element(deployment.at("/spec/template/spec/volumes"), "name", mount.at("/name").asText());
        assertThat(volume.at("/configMap/name").asText()).isEqualTo(FULLNAME + "-jwt-key");
    }

    @Test
    void aKeyLocationIsPassedAsIs() {
        var config = render(POSTGRESQL_VALUES).named("ConfigMap", FULLNAME).at("/data");

        assertThat(config.at("/MP_JWT_VERIFY_PUBLICKEY_LOCATION").asText())
                .isEqualTo("https://idp.example.org/realms/registry/protocol/openid-connect/certs");
    }

    @Test
    void keyInPemAndKeyLocationTogetherAreRefused() {
        assertThatThrownBy(() -> render(H2_VALUES, "auth:\n  publicKeyLocation: https://idp.example.org/certs\n"))
                .hasMessageContaining("Set either auth.publicKeyPem or auth.publicKeyLocation");
    }

    @Test
    void anInsecureKeyLocationIsRefused() {
        assertThatThrownBy(() -> render("auth:\n  issuer: https://idp\n  publicKeyLocation: http://idp/certs\n"))
                .hasMessageContaining("publicKeyLocation");
    }

    // ---------------------------------------------------------------- configuration

    @Test
    void extraEnvironmentReachesTheConfigMap() {
        var config = render(H2_VALUES).named("ConfigMap", FULLNAME).at("/data");

        assertThat(config.at("/REGISTRY_RULES_DOSE_MAX_INITIAL_MG").asText()).isEqualTo("120");
    }

    @Test
    void secretLookingEnvironmentIsRefused() {
        assertThatThrownBy(() -> render(MINIMAL_AUTH + "env:\n  SMTP_PASSWORD: hunter2\n"))
                .hasMessageContaining("env.SMTP_PASSWORD looks like a secret");
    }

    // ---------------------------------------------------------------- labels

    @ParameterizedTest
    @ValueSource(strings = {"h2-values.yaml", "postgresql-values.yaml"})
    void everyObjectCarriesTheRecommendedLabels(String valuesFile) throws IOException {
        var manifests = renderWithTestHooks(CHART.resolve("ci").resolve(valuesFile));

        assertThat(manifests.all()).hasSizeGreaterThanOrEqualTo(8);
        for (var manifest : manifests.all()) {
            var what = manifest.at("/kind").asText() + " " + manifest.at("/metadata/name").asText();
            assertRecommendedLabels(manifest.at("/metadata/labels"), what);
            var podTemplate = manifest.at("/spec/template/metadata/labels");
            if (!podTemplate.isMissingNode()) {
                assertRecommendedLabels(podTemplate, "pods of " + what);
            }
        }
    }

    @Test
    void theServiceSelectsOnlyServerPods() {
        var manifests = render(POSTGRESQL_VALUES);
        var selector = manifests.one("Service").at("/spec/selector");

        assertThat(selector.at("/app.kubernetes.io~1component").asText()).isEqualTo("server");
        var podLabels = manifests.one("Deployment").at("/spec/template/metadata/labels");
        selector.fields().forEachRemaining(entry ->
                assertThat(podLabels.path(entry.getKey()).asText()).as(entry.getKey()).isEqualTo(entry.getValue().asText()));
        assertThat(manifests.one("Deployment").at("/spec/selector/matchLabels")).isEqualTo(selector);
    }

    // ---------------------------------------------------------------- helm test, network policy

    @Test
    void helmTestPodCallsTheReadinessEndpoint() throws IOException {
        var manifests = renderWithTestHooks(H2_VALUES);
        var pod = manifests.named("Pod", FULLNAME + "-test-connection");

        assertThat(pod.at("/metadata/annotations/" + RENAMED_HOOK.replace("/", "~1")).asText()).isEqualTo("test");
        var container = pod.at("/spec/containers/0");
        var call = new ArrayList<>(texts(container.at("/command")));
        call.addAll(texts(container.at("/args")));
        assertThat(call).contains("wget", "http://" + FULLNAME + ":8080/q/health/ready");
        assertThat(pod.at("/spec/restartPolicy").asText()).isEqualTo("Never");
        assertThat(pod.at("/spec/automountServiceAccountToken").asBoolean(true)).isFalse();
        assertThat(pod.at("/spec/securityContext/runAsNonRoot").asBoolean()).isTrue();
        assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean(true)).isFalse();
        assertThat(texts(container.at("/securityContext/capabilities/drop"))).containsExactly("ALL");
        // Admitted by the NetworkPolicy, but never a backend of the Service.
        assertThat(pod.at("/metadata/labels/" + FULLNAME + "-client").asText()).isEqualTo("true");
        assertThat(pod.at("/metadata/labels/app.kubernetes.io~1component").asText()).isEqualTo("test");
    }

    @Test
    void networkPolicyAdmitsOnlyClientsAndTheListedPeers() {
        var policy = render(POSTGRESQL_VALUES).one("NetworkPolicy");

        assertThat(texts(policy.at("/spec/policyTypes"))).containsExactly("Ingress", "Egress");
        var from = policy.at("/spec/ingress/0/from");
        assertThat(from.at("/0/podSelector/matchLabels/" + FULLNAME + "-client").asText()).isEqualTo("true");
        assertThat(from.at("/1/namespaceSelector/matchLabels/kubernetes.io~1metadata.name").asText()).isEqualTo("ingress-nginx");
        assertThat(policy.at("/spec/ingress/0/ports/0/port").asText()).isEqualTo("http");
        var egressPorts = policy.at("/spec/egress").findValues("port").stream().map(JsonNode::asInt).toList();
        assertThat(egressPorts).contains(53, 443, 5432);
    }

    // ---------------------------------------------------------------- values documentation

    @Test
    void everyValueIsDocumentedAndInTheSchema() throws IOException {
        var values = ValueKey.parse(CHART.resolve("values.yaml"));

        var undocumented = values.stream()
                .filter(key -> !key.documented() && !key.parent())
                .map(ValueKey::path).toList();
        assertThat(undocumented).as("values without a '# --' comment").isEmpty();

        // The closed objects of the schema list exactly the values of values.yaml.
        var paths = values.stream().map(ValueKey::path).toList();
        var schema = new ObjectMapper().readTree(CHART.resolve("values.schema.json").toFile());
        var schemaPaths = new ArrayList<String>();
        collectClosedProperties(schema, "", schemaPaths);
        assertThat(schemaPaths).as("schema properties without a value").allMatch(paths::contains);
        assertThat(paths).as("values the schema does not know").allMatch(path -> schemaKnows(schema, path));
    }

    @Test
    void readmeValuesTableListsEveryDocumentedValue() throws IOException {
        var readme = Files.readString(CHART.resolve("README.md"));
        var section = readme.substring(readme.indexOf("## Values"), readme.indexOf("\n## ", readme.indexOf("## Values")));
        var rows = Pattern.compile("(?m)^\\| `([^`]+)` \\|").matcher(section).results().map(match -> match.group(1)).toList();

        var documented = ValueKey.parse(CHART.resolve("values.yaml")).stream()
                .filter(ValueKey::ownComment).map(ValueKey::path).toList();
        assertThat(rows).containsExactlyElementsOf(documented);
    }

    /**
     * One key of values.yaml: its dotted path, whether a {@code # --} comment documents it (its
     * own, or one of an enclosing object), and whether other keys are nested in it. Keys inside
     * list items are skipped, they belong to the example of their list.
     */
    private record ValueKey(String path, int indent, boolean ownComment, boolean documented, boolean parent) {

        static List<ValueKey> parse(Path valuesFile) throws IOException {
            var keyLine = Pattern.compile("^( *)([A-Za-z0-9_.-]+):(.*)$");
            var keys = new ArrayList<ValueKey>();
            var stack = new ArrayList<ValueKey>();
            var pendingComment = false;
            for (var line : Files.readAllLines(valuesFile)) {
                var stripped = line.strip();
                if (stripped.startsWith("# --")) {
                    pendingComment = true;
                    continue;
                }
                var matcher = keyLine.matcher(line);
                if (stripped.startsWith("#") || stripped.startsWith("- ") || !matcher.matches()) {
                    continue;
                }
                var indent = matcher.group(1).length();
                while (!stack.isEmpty() && stack.get(stack.size() - 1).indent() >= indent) {
                    stack.remove(stack.size() - 1);
                }
                var enclosing = stack.isEmpty() ? null : stack.get(stack.size() - 1);
                if (enclosing != null && !enclosing.parent()) {
                    var asParent = new ValueKey(enclosing.path(), enclosing.indent(), enclosing.ownComment(),
                            enclosing.documented(), true);
                    keys.set(keys.indexOf(enclosing), asParent);
                    stack.set(stack.size() - 1, asParent);
                }
                var inherited = stack.stream().anyMatch(ValueKey::documented);
                var path = (enclosing == null ? "" : enclosing.path() + ".") + matcher.group(2);
                var key = new ValueKey(path, indent, pendingComment && !inherited, pendingComment || inherited, false);
                keys.add(key);
                stack.add(key);
                pendingComment = false;
            }
            return keys;
        }
    }

    // ---------------------------------------------------------------- helpers

    /** The annotation the helm test pod's hook annotation is renamed to, so that helm-java renders the pod. */
    private static final String RENAMED_HOOK = "test.protocolregistry.org/helm-hook";

    private static void assertRecommendedLabels(JsonNode labels, String what) {
        assertThat(labels.path("app.kubernetes.io/name").asText()).as(what + ": name").isEqualTo("protocol-registry");
        assertThat(labels.path("app.kubernetes.io/instance").asText()).as(what + ": instance").isEqualTo(RELEASE);
        assertThat(labels.path("app.kubernetes.io/version").asText()).as(what + ": version").isEqualTo(APP_VERSION);
        assertThat(labels.path("app.kubernetes.io/component").asText()).as(what + ": component").isIn("server", "test");
        assertThat(labels.path("app.kubernetes.io/part-of").asText()).as(what + ": part-of").isEqualTo("protocol-registry");
        assertThat(labels.path("app.kubernetes.io/managed-by").asText()).as(what + ": managed-by").isEqualTo("Helm");
        assertThat(labels.path("helm.sh/chart").asText()).as(what + ": chart").startsWith("protocol-registry-");
    }

    private Manifests render(String values) {
        var file = writeValues(values);
        return Manifests.parse(template(command -> command.withValuesFile(file)));
    }

    private Manifests render(Path valuesFile) {
        return Manifests.parse(template(command -> command.withValuesFile(valuesFile)));
    }

    /** A CI values file with overrides on top, as {@code -f ci/x.yaml -f overrides.yaml} would. */
    private Manifests render(Path valuesFile, String overrides) {
        var file = writeValues(overrides);
        return Manifests.parse(template(command -> command.withValuesFile(valuesFile).withValuesFile(file)));
    }

    private static String template(UnaryOperator<TemplateCommand> options) {
        return template(CHART, options);
    }

    private static String template(Path chart, UnaryOperator<TemplateCommand> options) {
        return options.apply(new Helm(chart).template().withName(RELEASE).withKubeVersion(KUBE_VERSION)).call();
    }

    /** Renders a copy of the chart in which the test pod is an ordinary manifest (see the class comment). */
    private Manifests renderWithTestHooks(Path valuesFile) throws IOException {
        var chart = chartCopy();
        try (var tests = Files.list(chart.resolve("templates/tests"))) {
            for (var file : tests.toList()) {
                var text = Files.readString(file);
                assertThat(text).contains("helm.sh/hook: test");
                Files.writeString(file, text.replace("helm.sh/hook: test", RENAMED_HOOK + ": test"));
            }
        }
        return Manifests.parse(template(chart, command -> command.withValuesFile(valuesFile)));
    }

    /** A copy of the chart whose values.yaml holds the defaults with the given file merged over them. */
    private Path chartCopyWithValues(Path valuesFile) throws IOException {
        var chart = chartCopy();
        var merged = (ObjectNode) YAML.readTree(CHART.resolve("values.yaml").toFile());
        merge(merged, YAML.readTree(valuesFile.toFile()));
        YAML.writeValue(chart.resolve("values.yaml").toFile(), merged);
        return chart;
    }

    private Path chartCopy() throws IOException {
        var copy = temp.resolve("protocol-registry");
        try (var files = Files.walk(CHART)) {
            for (var source : files.toList()) {
                var target = copy.resolve(CHART.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
        return copy;
    }

    /** Helm's merge of values files: objects merge key by key, anything else is replaced. */
    private static void merge(ObjectNode base, JsonNode overlay) {
        overlay.fields().forEachRemaining(entry -> {
            var existing = base.get(entry.getKey());
            if (existing instanceof ObjectNode object && entry.getValue().isObject()) {
                merge(object, entry.getValue());
            } else {
                base.set(entry.getKey(), entry.getValue());
            }
        });
    }

    private Path writeValues(String values) {
        try {
            return Files.writeString(Files.createTempFile(temp, "values-", ".yaml"), values);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode container(JsonNode deployment) {
        return deployment.at("/spec/template/spec/containers/0");
    }

    private static JsonNode element(JsonNode list, String field, String value) {
        return stream(list).filter(node -> node.path(field).asText().equals(value)).findFirst()
                .orElseThrow(() -> new AssertionError("no element with " + field + " = " + value + " in " + list));
    }

    private static List<String> texts(JsonNode list) {
        return stream(list).map(JsonNode::asText).toList();
    }

    private static Stream<JsonNode> stream(JsonNode list) {
        return StreamSupport.stream(list.spliterator(), false);
    }

    private interface FieldVisitor {
        void visit(String path, String name, JsonNode value);
    }

    private static void forEachField(JsonNode node, String path, FieldVisitor visitor) {
        if (node.isObject()) {
            node.fields().forEachRemaining(entry -> {
                var childPath = path + "/" + entry.getKey();
                visitor.visit(childPath, entry.getKey(), entry.getValue());
                forEachField(entry.getValue(), childPath, visitor);
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                forEachField(node.get(i), path + "/" + i, visitor);
            }
        }
    }

    private static void collectClosedProperties(JsonNode schema, String prefix, List<String> paths) {
        if (!schema.path("additionalProperties").isBoolean() || schema.path("additionalProperties").asBoolean()) {
            return;
        }
        schema.path("properties").fields().forEachRemaining(entry -> {
            if (entry.getKey().equals("global")) {
                return;
            }
            var path = prefix.isEmpty() ? entry.getKey() : prefix + "." + entry.getKey();
            paths.add(path);
            if (entry.getValue().path("type").asText().equals("object")) {
                collectClosedProperties(entry.getValue(), path, paths);
            }
        });
    }

    /** Whether the schema allows the value at this dotted path: a declared property or inside an open object. */
    private static boolean schemaKnows(JsonNode schema, String path) {
        var node = schema;
        for (var name : path.split("\\.")) {
            var property = node.path("properties").path(name);
            if (property.isMissingNode()) {
                return !node.path("additionalProperties").isBoolean() || node.path("additionalProperties").asBoolean();
            }
            node = property;
        }
        return true;
    }

    /** The manifests of one rendering, parsed. */
    private record Manifests(String text, List<JsonNode> all) {

        static Manifests parse(String text) {
            try (var parser = YAML.getFactory().createParser(text)) {
                var documents = new ArrayList<JsonNode>();
                YAML.readValues(parser, JsonNode.class).forEachRemaining(document -> {
                    if (document != null && !document.isNull() && !document.isEmpty()) {
                        documents.add(document);
                    }
                });
                return new Manifests(text, documents);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        List<String> kinds() {
            return all.stream().map(document -> document.at("/kind").asText()).toList();
        }

        JsonNode one(String kind) {
            var matches = all.stream().filter(document -> document.at("/kind").asText().equals(kind)).toList();
            assertThat(matches).as("objects of kind " + kind).hasSize(1);
            return matches.get(0);
        }

        JsonNode named(String kind, String name) {
            return all.stream()
                    .filter(document -> document.at("/kind").asText().equals(kind))
                    .filter(document -> document.at("/metadata/name").asText().equals(name))
                    .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " named " + name + " in " + kinds()));
        }
    }
}
