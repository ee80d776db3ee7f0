package dev.pipelinetriage.adapter.ci;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.pipelinetriage.domain.LogLine;
import java.io.ByteArrayInputStream;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import okhttp3.Dns;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The pieces every provider shares: log capture, address checks, host allow-list, concurrency limit. */
class SharedHttpTest {

    @Test
    void logCaptureDecodesInvalidUtf8LossilyAndDropsCarriageReturns() throws Exception {
        byte[] bytes = {'o', 'k', '\r', '\n', (byte) 0xff, (byte) 0xfe, 'x', '\n', 0, 'n', 'u', 'l'};

        var captured = LogCapture.read(new ByteArrayInputStream(bytes), 1024);

        assertThat(captured.capped()).isFalse();
        assertThat(captured.lines()).containsExactly(new LogLine(1, "ok"), new LogLine(2, "\uFFFD\uFFFDx"),
                new LogLine(3, "\0nul"));
    }

    @Test
    void logCaptureKeepsTheEndOfASingleHugeLine() throws Exception {
        byte[] bytes = ("start\n" + "y".repeat(100_000) + "END").getBytes(StandardCharsets.US_ASCII);

        var captured = LogCapture.read(new ByteArrayInputStream(bytes), 2048);

        assertThat(captured.capped()).isTrue();
        assertThat(captured.lines().getFirst()).isEqualTo(new LogLine(1, "start"));
        assertThat(captured.lines().getLast().number()).isEqualTo(2);
        assertThat(captured.lines().getLast().text()).endsWith("yyyEND");
    }

    @Test
    void aLogWrittenWithCarriageReturnsOnlyIsCapturedLineByLine() throws Exception {
        byte[] bytes = "Building...\r 50%\r100%\rerror: linker failed\r".getBytes(StandardCharsets.US_ASCII);

        var captured = LogCapture.read(new ByteArrayInputStream(bytes), 1024);

        assertThat(captured.lines()).containsExactly(new LogLine(1, "Building..."), new LogLine(2, " 50%"),
                new LogLine(3, "100%"), new LogLine(4, "error: linker failed"));
    }

    @Test
    void aCappedCarriageReturnOnlyLogKeepsItsLastLinesWithTheirNumbers() throws Exception {
        StringBuilder log = new StringBuilder();
        for (int i = 1; i <= 400; i++) {
            log.append("progress ").append(i).append('\r');
        }
        log.append("fatal: out of disk\r");

        var captured = LogCapture.read(new ByteArrayInputStream(log.toString().getBytes(StandardCharsets.US_ASCII)), 1024);

        assertThat(captured.capped()).isTrue();
        assertThat(captured.lines().getFirst()).isEqualTo(new LogLine(1, "progress 1"));
        assertThat(captured.lines().getLast()).isEqualTo(new LogLine(401, "fatal: out of disk"));
        assertThat(captured.lines().get(captured.lines().size() - 2)).isEqualTo(new LogLine(400, "progress 400"));
    }

    @Test
    void logCaptureRefusesAUselessCap() {
        assertThatThrownBy(() -> LogCapture.read(new ByteArrayInputStream(new byte[0]), 10))
                .hasMessageContaining("log cap must be 1024..");
    }

    @ParameterizedTest(name = "{0} internal={1}")
    @CsvSource({"127.0.0.1,true", "10.0.0.5,true", "172.16.3.4,true", "192.168.1.1,true", "169.254.169.254,true",
            "100.64.0.1,true", "0.0.0.0,true", "::1,true", "fd00::1,true", "fe80::1,true", "::ffff:127.0.0.1,true",
            "140.82.112.3,false", "20.60.1.1,false", "2606:50c0:8000::153,false"})
    void internalAddressesAreRecognised(String address, boolean internal) throws Exception {
        assertThat(GuardedDns.isInternal(InetAddress.getByName(address))).isEqualTo(internal);
    }

    @Test
    void configuredHostMayResolveToLoopbackButOthersMayNot() throws Exception {
        Dns loopback = host -> List.of(InetAddress.getLoopbackAddress());
        var dns = new GuardedDns(loopback, java.util.Set.of("jenkins.internal"));

        assertThat(dns.lookup("jenkins.internal")).isNotEmpty();
        assertThatThrownBy(() -> dns.lookup("rebound.example.com")).isInstanceOf(GuardedDns.PrivateAddressException.class)
                .hasMessageContaining("private or loopback");
    }

    @Test
    void requestsToUnconfiguredHostsNeverLeave() {
        var kit = new CiTestKit();
        var http = kit.http("x", new HostPolicy(HttpUrl.get("http://localhost:1/api"), List.of()), ApiAuth.bearer(() -> "t"));

        assertThatThrownBy(() -> http.execute(new Request.Builder().url("http://127.0.0.1:1/api/x").build()))
                .isInstanceOf(BlockedRequestException.class)
                .hasMessageContaining("not the configured API or log host of CI instance 'x'");
    }

    @Test
    void concurrencyLimitHoldsAPermitUntilTheBodyIsClosed() throws Exception {
        var server = new WireMockServer(options().dynamicPort());
        server.start();
        try {
            server.stubFor(get("/api/log").willReturn(aResponse().withBody("x".repeat(10_000))));
            var kit = new CiTestKit();
            var policy = new HttpPolicy(Duration.ofMillis(1500), 1, 0, Duration.ofSeconds(1), Duration.ofSeconds(10),
                    Duration.ofSeconds(60));
            var http = kit.http("one", new HostPolicy(HttpUrl.get("http://localhost:" + server.port() + "/api"), List.of()),
                    ApiAuth.bearer(() -> "t"), policy, Dns.SYSTEM);
            Request request = new Request.Builder().url("http://localhost:" + server.port() + "/api/log").build();

            try (Response first = http.execute(request)) {
                assertThat(first.code()).isEqualTo(200);
                var busy = org.assertj.core.api.Assertions.catchThrowableOfType(InterruptedIOException.class,
                        () -> http.execute(request));
                assertThat(http.problems().fromException(busy, new Ask("the log of job 7", "read"), "localhost").message())
                        .contains("requests to CI instance 'one' were all still open", "the log of job 7 was not asked for");
            }
            try (Response afterClose = http.execute(request)) {
                assertThat(afterClose.code()).isEqualTo(200);
            }
        } finally {
            server.stop();
        }
    }

    @Test
    void serverTextInMessagesLosesQueryStrings() {
        assertThat(HttpProblems.sanitize("see https://blob.example/x.txt?sig=SECRET&se=1 for\ndetails"))
                .isEqualTo("see https://blob.example/x.txt?… for details");
    }
}
