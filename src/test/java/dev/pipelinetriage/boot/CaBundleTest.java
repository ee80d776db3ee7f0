package dev.pipelinetriage.boot;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.pipelinetriage.TestCa;
import dev.pipelinetriage.boot.config.ConfigException;
import dev.pipelinetriage.net.HttpClients;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * PIPELINE_TRIAGE_CA_BUNDLE against a real HTTPS server (WireMock) whose certificate a CA made for this test
 * signed, as an internal GitLab or Jira behind a company CA would present.
 */
@ExtendWith(TestCa.Shared.class)
class CaBundleTest {
    @TempDir
    static Path dir;
    private static TestCa ca;
    private static WireMockServer internal;

    @BeforeAll
    static void anInternalServerWithACompanyCaCertificate(TestCa companyCa) {
        ca = companyCa;
        internal = new WireMockServer(WireMockConfiguration.options().httpDisabled(true).dynamicHttpsPort()
                .keystorePath(ca.serverKeystore().toString()).keystorePassword(ca.password())
                .keyManagerPassword(ca.password()).keystoreType("PKCS12"));
        internal.start();
        internal.stubFor(get("/api/v4/version").willReturn(okJson("{\"version\":\"17.0.0\"}")));
    }

    @AfterAll
    static void stop() {
        internal.stop();
    }

    private static String version(OkHttpClient client) throws Exception {
        try (Response response = client.newCall(new Request.Builder()
                .url("https://localhost:" + internal.httpsPort() + "/api/v4/version").build()).execute()) {
            return response.code() + " " + response.body().string();
        }
    }

    @Test
    void withoutTheBundleTheInternalServersCertificateIsRefused() {
        assertThatThrownBy(() -> version(HttpClients.newShared())).isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void theSharedClientTrustsTheBundleNamedByTheEnvironment() throws Exception {
        Optional<CaBundle> bundle = CaBundle.fromEnv(Map.of(CaBundle.ENV_VAR, ca.caPem().toString()));

        String answer = version(HttpClients.newShared(bundle.map(CaBundle::trustManager)));

        assertThat(answer).isEqualTo("200 {\"version\":\"17.0.0\"}");
    }

    @Test
    void theJdksOwnAuthoritiesStayTrustedBesideTheBundle() {
        CaBundle bundle = CaBundle.load(ca.caPem());
        int jdk = CaBundle.load(ca.caPem()).trustManager().getAcceptedIssuers().length - 1;

        assertThat(jdk).as("the JDK's own CAs").isGreaterThan(10);
        assertThat(bundle.trustManager().getAcceptedIssuers()).anyMatch(c -> c.getSubjectX500Principal().getName()
                .equals("CN=Pipeline Triage Test Internal CA"));
        assertThat(bundle.describe()).contains("1 certificate(s): CN=Pipeline Triage Test Internal CA");
    }

    @Test
    void anUnsetVariableMeansNoBundle() {
        assertThat(CaBundle.fromEnv(Map.of())).isEmpty();
    }

    @Test
    void aFileWithoutCertificatesIsAClearConfigurationError() throws Exception {
        Path notPem = Files.writeString(dir.resolve("not-a-bundle.pem"), "just some text\n");

        assertThatThrownBy(() -> CaBundle.fromEnv(Map.of(CaBundle.ENV_VAR, notPem.toString())))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith(CaBundle.ENV_VAR + ": ")
                .hasMessageContaining(notPem.toString());
        assertThatThrownBy(() -> CaBundle.fromEnv(Map.of(CaBundle.ENV_VAR, dir.resolve("missing.pem").toString())))
                .isInstanceOf(ConfigException.class).hasMessageContaining("cannot read the CA bundle");
    }
}
