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
    void theDeploymentRunsAtLeastTwoReplicasWithProbesOnTheManagementPort() {
        JsonNode deployment = only("Deployment", "pipeline-triage");

        assertThat(deployment.path("spec").path("replicas").asInt()).isGreaterThanOrEqualTo(2);
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            assertThat(container().path(probe).path("httpGet").path("port").asText()).as(probe).isEqualTo("management");
        }
        assertThat(container().path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/healthz");
        assertThat(container().path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/readyz");
        assertThat(port("http")).isEqualTo(3000);
        assertThat(port("management")).isEqualTo(9090);
    }

    @Test
    void theBotListensWhereTheContainerPortsSay() {
        assertThat(env("PIPELINE_TRIAGE_PORT")).isEqualTo(Integer.toString(port("http")));
        assertThat(env("PIPELINE_TRIAGE_MANAGEMENT_PORT")).isEqualTo(Integer.toString(port("management")));
        assertThat(container().path("args").toString()).doesNotContain("port");
        assertThat(only("Deployment", "pipeline-triage").path("spec").path("template").path("metadata").path("annotations")
                .path("prometheus.io/port").asText()).isEqualTo(Integer.toString(port("management")));
    }

    @Test
    void theServiceExposesThePublicPortOnly() {
        JsonNode ports = only("Service", "pipeline-triage").path("spec").path("ports");

        assertThat(ports.findValuesAsText("targetPort")).containsExactly("http");
    }

    @Test
    void theNetworkPolicyLetsOnlyPrometheusReachTheManagementPort() {
        JsonNode policy = only("NetworkPolicy", "pipeline-triage").path("spec");
        JsonNode labels = only("Deployment", "pipeline-triage").path("spec").path("template").path("metadata").path("labels");

        policy.path("podSelector").path("matchLabels").fields().forEachRemaining(e ->
                assertThat(labels.path(e.getKey()).asText()).isEqualTo(e.getValue().asText()));
        assertThat(stream(policy.path("policyTypes")).map(JsonNode::asText)).containsExactlyInAnyOrder("Ingress", "Egress");
        List<JsonNode> management = stream(policy.path("ingress"))
                .filter(rule -> rule.path("ports").findValuesAsText("port").contains("management")).toList();
        assertThat(management).singleElement().satisfies(rule -> {
            assertThat(rule.path("ports").findValuesAsText("port")).containsExactly("management");
            assertThat(rule.path("from").get(0).has("namespaceSelector")).isTrue();
            assertThat(rule.path("from").get(0).has("podSelector")).isTrue();
        });
        assertThat(stream(policy.path("ingress"))).allSatisfy(rule -> assertThat(rule.has("ports")).isTrue());
        List<String> egressPorts = policy.path("egress").findValuesAsText("port");
        assertThat(egressPorts).contains("53", "5432", "443");
    }

    private static int port(String name) {
        return stream(container().path("ports")).filter(p -> p.path("name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no container port " + name)).path("containerPort").asInt();
    }

    private static String env(String name) {
        return stream(container().path("env")).filter(e -> e.path("name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no env " + name)).path("value").asText();
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
            assertThat(env.path("name").asText()).as("secrets come as files, not environment variables")
                    .doesNotContainPattern(SECRET_NAME);
            assertThat(env.path("valueFrom").has("secretKeyRef")).as(env.path("name").asText()).isFalse();
        }
        for (JsonNode configMap : documents.stream().filter(d -> d.path("kind").asText().equals("ConfigMap")).toList()) {
            configMap.path("data").fieldNames().forEachRemaining(key ->
                    assertThat(key).as("ConfigMap key").doesNotContainPattern(SECRET_NAME));
        }
    }

    /** Every {@code {file: ...}} the configuration reads, and no {@code {env: ...}}. */
    private static List<Path> secretFiles() {
        String config = only("ConfigMap", "pipeline-triage-config").path("data").path("config.yaml").asText();
        assertThat(config).as("secrets are mounted files").doesNotContain("{env:");
        List<Path> files = new ArrayList<>();
        Matcher file = Pattern.compile("\\{file: ([^}]+)}").matcher(config);
        while (file.find()) {
            files.add(Path.of(file.group(1).strip()));
        }
        return files;
    }

    @Test
    void everySecretIsAFileInTheMountedSecretThatTheDeploymentGuideCreates() throws Exception {
        List<Path> files = secretFiles();

        assertThat(files).hasSizeGreaterThanOrEqualTo(4);
        for (Path file : files) {
            assertMountedFromGuideCreatedObject(file);
        }
        JsonNode volume = stream(pod().path("volumes")).filter(v -> v.has("secret")).findFirst().orElseThrow();
        assertThat(volume.path("secret").path("defaultMode").asInt()).as("readable by owner and group only")
                .isEqualTo(0440);
    }

    @Test
    void severalReplicasShareOnePostgresqlStoreWhosePasswordIsAMountedSecretFile() throws Exception {
        var store = ConfigLoader.parseForServe(only("ConfigMap", "pipeline-triage-config").path("data")
                .path("config.yaml").asText()).store();

        assertThat(store.type()).isEqualTo(StoreSection.Type.POSTGRES);
        assertThat(store.url()).startsWith("jdbc:postgresql://").doesNotContain("password");
        assertMountedFromGuideCreatedObject(((CredentialSource.FromFile) store.password()).path());
    }

    @Test
    void theDeploymentGuideListsEveryPlaceholderInTheManifests() throws Exception {
        String guide = Files.readString(Path.of("docs/deployment.md"));
        String placeholders = guide.substring(guide.indexOf("## Placeholders"));
        List<String> marked = new ArrayList<>();
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                for (String line : Files.readAllLines(file)) {
                    String code = line.replaceFirst("(^|\\s+)#.*$", "");
                    if (!code.isBlank() && line.contains("# placeholder")) {
                        String value = code.substring(code.indexOf(':') + 1).strip();
                        if (value.startsWith("[")) {
                            value = value.substring(1, value.length() - 1);
                        }
                        marked.add(value);
                        assertThat(placeholders).as(file.getFileName() + " placeholder").contains("`" + value + "`");
                    } else {
                        assertThat(code).as(file.getFileName() + ": an example value is marked # placeholder")
                                .doesNotContain("example");
                    }
                }
            }
        }
        assertThat(marked).hasSizeGreaterThanOrEqualTo(8);
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

    /** {@code name -> keys} of every {@code kubectl create secret|configmap} the deployment guide's Kubernetes section (docs/deployment.md) runs. */
    private static Map<String, Set<String>> createdByTheGuide(String kind) throws Exception {
        String guide = Files.readString(Path.of("docs/deployment.md")).replaceAll("\\\\\\r?\\n\\s*", " ");
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
    void theDeploymentGuidesSecretTableNamesEveryFileTheConfigurationReads() throws Exception {
        String guide = Files.readString(Path.of("docs/deployment.md"));
        for (Path file : secretFiles()) {
            assertThat(guide).contains("| `" + file.getFileName() + "` | `" + file + "` |");
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
