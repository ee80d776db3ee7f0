package dev.pipelinetriage.boot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipelinetriage.app.port.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A token file a sidecar rotates takes effect without a restart; a variable is read once. */
class LiveCredentialTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
    private final List<String> seen = new ArrayList<>();

    @TempDir
    Path dir;

    private LiveCredential fileToken(Path file) {
        return new LiveCredential(new CredentialSource.FromFile(file), "ci.instances[0].token", Map.of(), clock, seen::add);
    }

    @Test
    void aRotatedTokenFileIsReadAgainAndTheNewTokenIsUsedAndHandedOn() throws Exception {
        Path file = Files.writeString(dir.resolve("github-token"), "ghs_first\n");
        var token = fileToken(file);

        Files.writeString(file, "ghs_second\n");
        assertThat(token.get()).as("looked at no more often than every few seconds").isEqualTo("ghs_first");

        clock.advance(LiveCredential.CHECK_EVERY);

        assertThat(token.get()).isEqualTo("ghs_second");
        assertThat(seen).containsExactly("ghs_first", "ghs_second");
    }

    @Test
    void whileTheFileIsHalfWrittenOrGoneThePreviousTokenIsUsed() throws Exception {
        Path file = Files.writeString(dir.resolve("github-token"), "ghs_first\n");
        var token = fileToken(file);

        Files.writeString(file, "");
        clock.advance(LiveCredential.CHECK_EVERY);
        assertThat(token.get()).isEqualTo("ghs_first");

        Files.delete(file);
        clock.advance(LiveCredential.CHECK_EVERY);
        assertThat(token.get()).isEqualTo("ghs_first");
        assertThat(seen).containsExactly("ghs_first");
    }

    @Test
    void aRefreshReadsTheFileAtOnceAndSaysWhetherTheTokenChanged() throws Exception {
        Path file = Files.writeString(dir.resolve("github-token"), "ghs_first\n");
        var token = fileToken(file);

        assertThat(token.refresh()).isFalse();
        Files.writeString(file, "ghs_second\n");

        assertThat(token.refresh()).as("within the check interval").isTrue();
        assertThat(token.get()).isEqualTo("ghs_second");
        assertThat(seen).containsExactly("ghs_first", "ghs_second");
    }

    @Test
    void aVariableIsReadOnceAndAMissingOneFailsAtStartNamingItsKey() {
        Map<String, String> env = new java.util.HashMap<>(Map.of("GITHUB_TOKEN", "ghp_from_env"));
        var token = new LiveCredential(new CredentialSource.FromEnv("GITHUB_TOKEN"), "ci.instances[0].token", env, clock,
                seen::add);
        env.put("GITHUB_TOKEN", "ghp_changed");
        clock.advance(LiveCredential.CHECK_EVERY.multipliedBy(2));

        assertThat(token.get()).isEqualTo("ghp_from_env");
        assertThat(token.refresh()).isFalse();
        assertThatThrownBy(() -> new LiveCredential(new CredentialSource.FromEnv("UNSET"), "ci.instances[1].token",
                Map.of(), clock, seen::add)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("ci.instances[1].token.env");
    }
}
