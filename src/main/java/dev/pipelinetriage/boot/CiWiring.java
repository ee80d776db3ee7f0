package dev.pipelinetriage.boot;

import dev.pipelinetriage.adapter.ci.ApiAuth;
import dev.pipelinetriage.adapter.ci.CiCaches;
import dev.pipelinetriage.adapter.ci.HostPolicy;
import dev.pipelinetriage.adapter.ci.HttpPolicy;
import dev.pipelinetriage.adapter.ci.InstanceHttp;
import dev.pipelinetriage.adapter.ci.azure.AzureProvider;
import dev.pipelinetriage.adapter.ci.github.GitHubProvider;
import dev.pipelinetriage.adapter.ci.gitlab.GitLabProvider;
import dev.pipelinetriage.adapter.ci.jenkins.JenkinsProvider;
import dev.pipelinetriage.app.FailedJobLogs;
import dev.pipelinetriage.app.LastGreenLogs;
import dev.pipelinetriage.app.port.CiProvider;
import dev.pipelinetriage.app.port.TriageMetrics;
import dev.pipelinetriage.boot.config.AppConfig;
import dev.pipelinetriage.boot.config.CiConfig;
import dev.pipelinetriage.boot.config.CiInstanceConfig;
import dev.pipelinetriage.boot.config.ConfigException;
import dev.pipelinetriage.boot.config.LiveCredential;
import dev.pipelinetriage.engine.redact.KnownSecrets;
import dev.pipelinetriage.net.HttpClients;
import dev.pipelinetriage.net.Sleeper;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import okhttp3.Dns;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Builds the CI providers from configuration: one shared OkHttpClient, one {@link InstanceHttp} per instance,
 * shared caches.
 *
 * <p>How the CLI (or a chat front end) uses it:
 * <pre>{@code
 * AppConfig config = Config.load(ConfigLoader.locate(cliPath, System.getenv()).orElseThrow(), System.getenv());
 * FailedJobLogs logs = CiWiring.failedJobLogs(config, System.getenv());
 * switch (logs.collect(pastedUrl)) {
 *     case FailedJobLogs.Collected c -> ...   // c.run(), and per job c.jobs(): FetchResult Fetched | CiProblem
 *     case FailedJobLogs.LinkRefused r -> ... // r.reason(): unknown host, shape not recognised, unsafe link
 *     case FailedJobLogs.Failed f -> ...      // f.problem().message(): 401, 403 + scope, 404, 429 + wait, ...
 * }
 * }</pre>
 * Tokens are read here first, so a missing variable or unreadable file fails with a {@link ConfigException} that
 * names the key; a token file is read again while the bot runs ({@link LiveCredential}), so a rotated token takes
 * effect without a restart.
 */
public final class CiWiring {
    private CiWiring() {
    }

    public static FailedJobLogs failedJobLogs(AppConfig config, Map<String, String> env) {
        return failedJobLogs(config, env, new KnownSecrets());
    }

    /** As {@link #failedJobLogs(AppConfig, Map)}, each token read (a rotated one too) added to {@code known}. */
    public static FailedJobLogs failedJobLogs(AppConfig config, Map<String, String> env, KnownSecrets known) {
        return failedJobLogs(config.ci(), providers(config.ci(), env,
                HttpClients.newShared(CaBundle.fromEnv(env).map(CaBundle::trustManager)), Clock.systemUTC(),
                Sleeper.threadSleeper(), TriageMetrics.none(), known::register));
    }

    /** Each job's log under the cap, and its last green run's unless {@code ci.compareLastGreenRun} is false. */
    public static FailedJobLogs failedJobLogs(CiConfig ci, List<CiProvider> providers) {
        return new FailedJobLogs(providers, ci.maxLogBytes(), ci.compareLastGreenRun()
                ? LastGreenLogs.within(ci.maxLogBytes(), LastGreenLogs.DEFAULT_BUDGET) : LastGreenLogs.off());
    }

    public static List<CiProvider> providers(CiConfig ci, Map<String, String> env, OkHttpClient shared, Clock clock,
            Sleeper sleeper) {
        return providers(ci, env, shared, clock, sleeper, TriageMetrics.none(), token -> { });
    }

    /**
     * @param metrics told of each instance's rate-limit waits
     * @param onNewToken told every token read, at start and after a rotation (redaction hides it from then on)
     */
    public static List<CiProvider> providers(CiConfig ci, Map<String, String> env, OkHttpClient shared, Clock clock,
            Sleeper sleeper, TriageMetrics metrics, Consumer<String> onNewToken) {
        CiCaches caches = CiCaches.defaults();
        SecureRandom random = new SecureRandom();
        return ci.instances().stream().map(instance -> {
            int index = ci.instances().indexOf(instance);
            String key = "ci.instances[" + index + "]";
            LiveCredential token = new LiveCredential(instance.token(), key + ".token", env, clock, onNewToken);
            HttpUrl web = HttpUrl.get(instance.webUrl());
            HttpUrl api = HttpUrl.get(instance.apiUrl());
            ApiAuth auth = switch (instance.type()) {
                case GITHUB -> ApiAuth.bearer(token, token::refresh);
                case GITLAB -> ApiAuth.header("PRIVATE-TOKEN", token, token::refresh);
                case JENKINS -> ApiAuth.basic(instance.username(), token, token::refresh);
                case AZURE -> ApiAuth.basic("", token, token::refresh);
            };
            HttpPolicy defaults = HttpPolicy.defaults();
            HttpPolicy policy = new HttpPolicy(ci.requestTimeout(), instance.maxConcurrentRequests(), defaults.maxRetries(),
                    defaults.backoffBase(), defaults.maxRetryWait(), defaults.defaultRateLimitWait());
            InstanceHttp http;
            try {
                http = InstanceHttp.create(shared, Dns.SYSTEM, instance.name(), new HostPolicy(api, instance.logHosts()),
                        auth, policy, clock, sleeper, random, metrics);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(key, e.getMessage());
            }
            return provider(instance, web, http, caches);
        }).toList();
    }

    private static CiProvider provider(CiInstanceConfig instance, HttpUrl web, InstanceHttp http, CiCaches caches) {
        return switch (instance.type()) {
            case GITHUB -> new GitHubProvider(instance.name(), web, http, caches, Set.copyOf(instance.rerunForkRunsIn()));
            case GITLAB -> new GitLabProvider(instance.name(), web, http, caches, Set.copyOf(instance.rerunForkRunsIn()));
            case JENKINS -> new JenkinsProvider(instance.name(), web, http, caches);
            case AZURE -> new AzureProvider(instance.name(), web, http, caches, Set.copyOf(instance.rerunForkRunsIn()));
        };
    }
}
