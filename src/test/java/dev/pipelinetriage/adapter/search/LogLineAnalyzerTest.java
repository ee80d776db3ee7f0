package dev.pipelinetriage.adapter.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogLineAnalyzerTest {

    private final LogLineAnalyzer analyzer = new LogLineAnalyzer();

    @Test
    void urlsHostsAndPortsBecomePlaceholders() {
        assertThat(analyzer.tokens("Failed to connect to github.com port 443: Connection timed out"))
                .containsExactly("failed", "to", "connect", "to", "_host_", "port", "_num_", "connection", "timed", "out");
        assertThat(analyzer.tokens("GET https://registry.npmjs.org/react failed"))
                .containsExactly("get", "_url_", "failed");
        assertThat(analyzer.tokens("dial tcp 10.0.0.2:53: no such host"))
                .containsExactly("dial", "tcp", "_ip_", "_port_", "no", "such", "host");
        assertThat(analyzer.tokens("connecting to db.example.org:5432"))
                .containsExactly("connecting", "to", "_host_", "_port_");
    }

    @Test
    void pathsVersionsHexIdsAndDurationsBecomePlaceholders() {
        assertThat(analyzer.tokens("[ERROR] /builds/app/src/Main.java:[12,5] cannot find symbol"))
                .containsExactly("error", "_path_", "_num_", "_num_", "cannot", "find", "symbol");
        assertThat(analyzer.tokens("Downloading guava 32.1.2-jre took 1m30s at commit 4c1d2e3f9a"))
                .containsExactly("downloading", "guava", "_ver_", "took", "_dur_", "at", "commit", "_hex_");
        assertThat(analyzer.tokens("C:\\agent\\_work\\1\\s\\App.cs(12,17): error CS0103"))
                .containsExactly("_path_", "_num_", "_num_", "error", "cs0103");
    }

    @Test
    void dependencyCoordinatesBecomeOnePlaceholder() {
        assertThat(analyzer.tokens("Could not transfer artifact io.netty:netty-handler:jar:4.1.100.Final from/to central"))
                .containsExactly("could", "not", "transfer", "artifact", "_artifact_", "_path_", "central");
        assertThat(analyzer.tokens("> Could not find com.example:lib:1.0.0.")).containsExactly("could", "not", "find", "_artifact_");
        assertThat(analyzer.tokens("src/main.c:12:5: error: expected ';'")).doesNotContain("_artifact_");
    }

    @Test
    void twoOccurrencesOfTheSameErrorFromDifferentProjectsAnalyzeAlike() {
        assertThat(analyzer.tokens("error: couldn't create a temp dir: No space left on device (os error 28) at path \"/builds/a/target/rmeta7CDPbu\""))
                .isEqualTo(analyzer.tokens("error: couldn't create a temp dir: No space left on device (os error 28) at path \"/home/runner/work/b/target/rmetaX1\""));
    }

    @Test
    void numbersThatNameAnExitOrStatusCodeAreKept() {
        assertThat(analyzer.tokens("ERROR: Job failed: command terminated with exit code 137"))
                .endsWith("exit", "code", "137");
        assertThat(analyzer.tokens("Received status code 503 from server")).contains("503");
        assertThat(analyzer.tokens("Tests run: 8, Failures: 1")).containsExactly("tests", "run", "_num_", "failures", "_num_");
    }

    @Test
    void punctuationSplitsWordsAndCaseIsIgnored() {
        assertThat(analyzer.tokens("npm ERR! code ECONNRESET")).containsExactly("npm", "err", "code", "econnreset");
    }
}
