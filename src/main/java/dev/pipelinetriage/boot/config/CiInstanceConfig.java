package dev.pipelinetriage.boot.config;

import dev.pipelinetriage.domain.CiKind;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * One CI instance, with defaults already applied.
 *
 * @param webUrl where users' links point (host, port and path prefix must match a pasted link)
 * @param apiUrl the API base the bot calls
 * @param username Jenkins only: the user the API token belongs to
 * @param logHosts GitHub only: hosts a log download may redirect to (exact or {@code *.suffix})
 * @param maxConcurrentRequests this instance's limit on requests in flight
 * @param rerunForkRunsIn GitHub and GitLab: repositories ({@code owner/repo}, GitLab project paths) where runs that built
 *     code from outside the repository (pull requests and merge requests from forks, {@code pull_request_target}) may
 *     be rerun from chat; elsewhere they are not
 */
public record CiInstanceConfig(String name, CiKind type, URI webUrl, URI apiUrl, CredentialSource token, String username,
        List<String> logHosts, int maxConcurrentRequests, List<String> rerunForkRunsIn) {

    public CiInstanceConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(webUrl, "webUrl");
        Objects.requireNonNull(apiUrl, "apiUrl");
        Objects.requireNonNull(token, "token");
        logHosts = List.copyOf(logHosts);
        rerunForkRunsIn = List.copyOf(rerunForkRunsIn);
    }
}
