package dev.pipelinetriage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.pipelinetriage.boot.config.ConfigLoader;
import dev.pipelinetriage.boot.config.CredentialSource;
import dev.pipelinetriage.boot.config.OpsConfigLoader;
import dev.pipelinetriage.boot.config.OpsSection;
import dev.pipelinetriage.boot.config.StoreSection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Kubernetes manifests hold the operational promises: replicas, probes, limits, a locked-down container. */
class DeploymentManifestsTest {
    private static final Path DIR = Path.of("manifest/kubernetes");
    private static final Pattern SECRET_NAME = Pattern.compile("(?i)TOKEN|SECRET|PASSWORD|PASSWD|API_?KEY|CREDENTIAL");
    private static List<JsonNode> documents;

    @BeforeAll
    static void parse() throws Exception {
        documents = new ArrayList<>();
        YAMLMapper yaml = new YAMLMapper();
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                try (MappingIterator<JsonNode> docs = yaml.readerFor(JsonNode.class).readValues(file.toFile())) {
                    docs.readAll().stream().filter(d -> d != null && !d.isEmpty()).forEach(documents::add);
                }
            }
        }
    }

    private static JsonNode only(String kind, String name) {
        return documents.stream().filter(d -> d.path("kind").asText().equals(kind)
                && d.path("metadata").path("name").asText().equals(name)).findFirst().orElseThrow(
                        () -> new AssertionError("no " + kind + " " + name + " in " + DIR));
    }

    private static JsonNode pod() {
        return only("Deployment", "pipeline-triage").path("spec").path("template").path("spec");
    }

    private static JsonNode container() {
        return pod().path("containers").get(0);
    }

    @Test
    void theDeploymentRunsAtLeastTwoReplicasWithProbesOnTheBotsEndpoints() {
        JsonNode deployment = only("Deployment", "pipeline-triage");

        assertThat(deployment.path("spec").path("replicas").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(container().path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/healthz");
        assertThat(container().path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/readyz");
        assertThat(container().path("ports").findValuesAsText("containerPort")).contains("3000");
    }

    @Test
    void theContainerHasResourceRequestsAndLimits() {
        JsonNode resources = container().path("resources");

        for (String section : List.of("requests", "limits")) {
            assertThat(resources.path(section).has("cpu")).as(section + ".cpu").isTrue();
            assertThat(resources.path(section).has("memory")).as(section + ".memory").isTrue();
        }
    }

    @Test
    void theContainerIsLockedDown() {
        JsonNode security = container().path("securityContext");

        assertThat(security.path("readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(security.path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
        assertThat(security.path("capabilities").path("drop").get(0).asText()).isEqualTo("ALL");
        assertThat(pod().path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
        assertThat(pod().path("securityContext").path("runAsUser").asInt()).isEqualTo(10001);
        assertThat(pod().path("automountServiceAccountToken").asBoolean(true)).isFalse();
    }

    @Test
    void tmpIsAWritableEmptyDirUnderTheReadOnlyRoot() {
        JsonNode tmpMount = stream(container().path("volumeMounts")).filter(m -> m.path("mountPath").asText().equals("/tmp"))
                .findFirst().orElseThrow();
        JsonNode volume = stream(pod().path("volumes")).filter(v -> v.path("name").asText().equals(tmpMount.path("name").asText()))
                .findFirst().orElseThrow();

        assertThat(volume.has("emptyDir")).isTrue();
        assertThat(tmpMount.path("readOnly").asBoolean(false)).isFalse();
    }

    @Test
    void secretsAreReferencedNeverWritten() {
        assertThat(documents).noneMatch(d -> d.path("kind").asText().equals("Secret"));
        for (JsonNode env : container().path("env")) {
            if (SECRET_NAME.matcher(env.path("name").asText()).find()) {
                assertThat(env.has("value")).as(env.path("name").asText()).isFalse();
                assertThat(env.path("valueFrom").has("secretKeyRef")).as(env.path("name").asText()).isTrue();
            }
        }
        for (JsonNode configMap : documents.stream().filter(d -> d.path("kind").asText().equals("ConfigMap")).toList()) {
            configMap.path("data").fieldNames().forEachRemaining(key ->
                    assertThat(key).as("ConfigMap key").doesNotContainPattern(SECRET_NAME));
        }
    }

    @Test
    void severalReplicasShareOnePostgresqlStoreWhosePasswordComesFromASecret() {
        var store = ConfigLoader.parseForServe(only("ConfigMap", "pipeline-triage-config").path("data")
                .path("config.yaml").asText()).store();

        assertThat(store.type()).isEqualTo(StoreSection.Type.POSTGRES);
        assertThat(store.url()).startsWith("jdbc:postgresql://").doesNotContain("password");
        String variable = ((CredentialSource.FromEnv) store.password()).variable();
        assertThat(stream(container().path("env")).filter(e -> e.path("name").asText().equals(variable)))
                .singleElement().satisfies(e -> assertThat(e.path("valueFrom").has("secretKeyRef")).isTrue());
    }

    @Test
    void theConfigMapHoldsAValidConfigurationAndTheGracePeriodFitsInsideKubernetes() {
        String config = only("ConfigMap", "pipeline-triage-config").path("data").path("config.yaml").asText();

        ConfigLoader.parseForServe(config);
        OpsSection ops = OpsConfigLoader.parse(config, Map.of());
        assertThat(ops.knowledgeBaseDirectory()).hasValueSatisfying(kb -> assertThat(stream(container().path("volumeMounts"))
                .map(m -> m.path("mountPath").asText())).contains(kb.toString()));
        long preStop = container().path("lifecycle").path("preStop").path("sleep").path("seconds").asLong();
        assertThat(pod().path("terminationGracePeriodSeconds").asLong())
                .isGreaterThan(ops.shutdownGrace().toSeconds() + 5 + preStop);
    }

    @Test
    void theServiceAndDisruptionBudgetSelectTheDeploymentsPods() {
        JsonNode labels = only("Deployment", "pipeline-triage").path("spec").path("template").path("metadata").path("labels");
        JsonNode service = only("Service", "pipeline-triage").path("spec");
        JsonNode pdb = only("PodDisruptionBudget", "pipeline-triage").path("spec");

        service.path("selector").fields().forEachRemaining(e -> assertThat(labels.path(e.getKey()).asText())
                .isEqualTo(e.getValue().asText()));
        assertThat(service.path("ports").get(0).path("targetPort").asText()).isEqualTo("http");
        pdb.path("selector").path("matchLabels").fields().forEachRemaining(e -> assertThat(labels.path(e.getKey()).asText())
                .isEqualTo(e.getValue().asText()));
        assertThat(pdb.path("minAvailable").asInt()).isBetween(1,
                only("Deployment", "pipeline-triage").path("spec").path("replicas").asInt() - 1);
    }

    /** {@code name -> keys} of every {@code kubectl create secret|configmap} the deployment guide's Kubernetes section (docs/operations.md) runs. */
    private static Map<String, Set<String>> createdByTheGuide(String kind) throws Exception {
        String guide = Files.readString(Path.of("docs/operations.md")).replaceAll("\\\\\\r?\\n\\s*", " ");
        String kubernetes = guide.substring(guide.indexOf("## Kubernetes"));
        Map<String, Set<String>> created = new java.util.TreeMap<>();
        Matcher command = Pattern.compile("kubectl create " + kind + " (?:generic )?(\\S+)([^\\n]*)").matcher(kubernetes);
        while (command.find()) {
            Set<String> keys = new TreeSet<>();
            Matcher key = Pattern.compile("--from-(?:file|literal)=([\\w.-]+)=").matcher(command.group(2));
            while (key.find()) {
                keys.add(key.group(1));
            }
            created.put(command.group(1), keys);
        }
        return created;
    }

    @Test
    void everySecretKeyTheDeploymentReadsIsOneTheDeploymentGuideCreates() throws Exception {
        Map<String, Set<String>> secrets = createdByTheGuide("secret");
        List<JsonNode> refs = stream(container().path("env")).map(e -> e.path("valueFrom").path("secretKeyRef"))
                .filter(r -> !r.isMissingNode()).toList();

        assertThat(refs).isNotEmpty();
        for (JsonNode ref : refs) {
            assertThat(secrets).as("the deployment guide creates Secret " + ref.path("name").asText()).containsKey(ref.path("name").asText());
            assertThat(secrets.get(ref.path("name").asText())).as("keys of " + ref.path("name").asText())
                    .contains(ref.path("key").asText());
        }
    }

    @Test
    void theDeploymentGuidesSecretTableNamesTheVariableEachKeyBecomes() throws Exception {
        String guide = Files.readString(Path.of("docs/operations.md"));
        for (JsonNode env : container().path("env")) {
            JsonNode ref = env.path("valueFrom").path("secretKeyRef");
            if (!ref.isMissingNode()) {
                assertThat(guide).contains("| `" + ref.path("key").asText() + "` | `" + env.path("name").asText() + "` |");
            }
        }
    }

    @Test
    void everyConfigMapVolumeIsInTheManifestsOrCreatedByTheDeploymentGuide() throws Exception {
        Set<String> available = new TreeSet<>(createdByTheGuide("configmap").keySet());
        documents.stream().filter(d -> d.path("kind").asText().equals("ConfigMap"))
                .forEach(d -> available.add(d.path("metadata").path("name").asText()));

        for (JsonNode volume : pod().path("volumes")) {
            if (volume.has("configMap")) {
                assertThat(available).as("volume " + volume.path("name").asText())
                        .contains(volume.path("configMap").path("name").asText());
            }
            if (volume.has("secret")) {
                assertThat(createdByTheGuide("secret")).containsKey(volume.path("secret").path("secretName").asText());
            }
        }
    }

    @Test
    void verifyFullFindsItsRootCertificateInAMountedCaThatTheDeploymentGuideCreates() throws Exception {
        StoreSection store = ConfigLoader.parseForServe(only("ConfigMap", "pipeline-triage-config").path("data")
                .path("config.yaml").asText()).store();
        Matcher mode = Pattern.compile("[?&]sslmode=([\\w-]+)").matcher(store.url());
        Matcher rootCert = Pattern.compile("[?&]sslrootcert=([^&]+)").matcher(store.url());

        assertThat(mode.find()).as("the URL chooses an sslmode").isTrue();
        assertThat(mode.group(1)).isEqualTo("verify-full");
        assertThat(rootCert.find()).as("verify-full needs sslrootcert: the container has no ~/.postgresql/root.crt").isTrue();
        assertMountedFromGuideCreatedObject(Path.of(rootCert.group(1)));
    }

    @Test
    void theCaBundleForHttpsIsAMountedFileTheReadmeCreates() throws Exception {
        JsonNode bundle = stream(container().path("env")).filter(e -> e.path("name").asText().equals("PIPELINE_TRIAGE_CA_BUNDLE"))
                .findFirst().orElseThrow();

        assertMountedFromGuideCreatedObject(Path.of(bundle.path("value").asText()));
    }

    /** The file's folder is a volume mount whose ConfigMap or Secret the deployment guide creates with that file as a key. */
    private static void assertMountedFromGuideCreatedObject(Path file) throws Exception {
        JsonNode mount = stream(container().path("volumeMounts"))
                .filter(m -> file.getParent().toString().equals(m.path("mountPath").asText())).findFirst()
                .orElseThrow(() -> new AssertionError(file + " is not inside any volume mount"));
        JsonNode volume = stream(pod().path("volumes")).filter(v -> v.path("name").asText().equals(mount.path("name").asText()))
                .findFirst().orElseThrow();
        Map<String, Set<String>> created = volume.has("secret") ? createdByTheGuide("secret") : createdByTheGuide("configmap");
        String object = volume.has("secret") ? volume.path("secret").path("secretName").asText()
                : volume.path("configMap").path("name").asText();

        assertThat(created).as("the deployment guide creates " + object).containsKey(object);
        assertThat(created.get(object)).contains(file.getFileName().toString());
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> nodes = new ArrayList<>();
        array.forEach(nodes::add);
        return nodes.stream();
    }
}
