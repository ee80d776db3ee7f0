package dev.pipelinetriage.adapter.ci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

/** The hosts a GitHub instance's log download may be redirected to: storage hosts, over https only. */
class HostPolicyTest {
    private final HostPolicy github = new HostPolicy(HttpUrl.get("https://api.github.com"),
            List.of("*.blob.core.windows.net", "*.actions.githubusercontent.com"));

    @Test
    void aRedirectToStorageOverHttpsIsAllowed() {
        assertThat(github.isLogHost(HttpUrl.get("https://productionresultssa1.blob.core.windows.net/actions-results/x?sig=S"))).isTrue();
        assertThat(github.isLogHost(HttpUrl.get("https://pipelines.actions.githubusercontent.com/logs/1"))).isTrue();
    }

    @Test
    void aRedirectThatDowngradesToPlainHttpIsRefusedEvenToAStorageHost() {
        assertThat(github.isLogHost(HttpUrl.get("http://productionresultssa1.blob.core.windows.net/actions-results/x?sig=S"))).isFalse();
    }

    @Test
    void aHostThatOnlyEndsLikeAStoragePatternOrIsTheBareSuffixIsRefused() {
        assertThat(github.isLogHost(HttpUrl.get("https://evilblob.core.windows.net/x"))).isFalse();
        assertThat(github.isLogHost(HttpUrl.get("https://blob.core.windows.net/x"))).isFalse();
        assertThat(github.isLogHost(HttpUrl.get("https://blob.core.windows.net.evil.example/x"))).isFalse();
    }

    @Test
    void theApiOriginIsTheSameSchemeHostAndPortNothingLess() {
        assertThat(github.isApiOrigin(HttpUrl.get("https://api.github.com/repos/o/r"))).isTrue();
        assertThat(github.isApiOrigin(HttpUrl.get("http://api.github.com/repos/o/r"))).isFalse();
        assertThat(github.isApiOrigin(HttpUrl.get("https://api.github.com:8443/repos/o/r"))).isFalse();
    }

    @Test
    void aPatternThatIsNotAHostOrSuffixIsRefusedAtConfiguration() {
        assertThatThrownBy(() -> new HostPolicy(HttpUrl.get("https://api.github.com"), List.of("*blob.core.windows.net")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("*.suffix");
        assertThatThrownBy(() -> new HostPolicy(HttpUrl.get("https://api.github.com"), List.of("https://x.example")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
