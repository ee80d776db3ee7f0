package dev.pipelinetriage.adapter.ci;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.pipelinetriage.app.port.TriageMetrics;
import dev.pipelinetriage.net.Sleeper;
import java.io.IOException;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Dns;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * One CI instance's view of the shared client. The interceptor chain, in order:
 * <ol>
 *   <li>host allow-list: only the API origin and (GitHub) the log-storage hosts;</li>
 *   <li>retries: bounded, jittered, idempotent requests only, short rate-limit waits honoured;</li>
 *   <li>rate-limit gate: holds requests back while the instance's budget is exhausted;</li>
 *   <li>concurrency limit: per instance, permit held until the body is closed;</li>
 *   <li>auth: the credential header, for the API origin only.</li>
 * </ol>
 * Redirects are never followed automatically; DNS answers are checked for private addresses at connect time.
 */
public final class InstanceHttp {
    private static final long MAX_JSON_BYTES = 16L * 1024 * 1024;

    private final String instance;
    private final HostPolicy hosts;
    private final OkHttpClient client;
    private final OkHttpClient sideEffects;
    private final ObjectMapper json;
    private final HttpProblems problems;
    private final Clock clock;

    private InstanceHttp(String instance, HostPolicy hosts, OkHttpClient client, HttpProblems problems, Clock clock) {
        this.instance = instance;
        this.clock = clock;
        this.hosts = hosts;
        this.client = client;
        // Requests with side effects (a rerun POST, a retry PATCH) get a connection of their own: on a pooled one the
        // server may close its idle end just as the request goes out, and then whether it was acted on is unknown,
        // so it could be neither repeated nor reported as failed. A fresh connection costs one handshake per rerun.
        this.sideEffects = client.newBuilder().connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS)).build();
        this.problems = problems;
        this.json = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    public static InstanceHttp create(OkHttpClient shared, String instance, HostPolicy hosts, ApiAuth auth,
            HttpPolicy policy, Clock clock, Sleeper sleeper, RandomGenerator random) {
        return create(shared, Dns.SYSTEM, instance, hosts, auth, policy, clock, sleeper, random);
    }

    public static InstanceHttp create(OkHttpClient shared, Dns dns, String instance, HostPolicy hosts, ApiAuth auth,
            HttpPolicy policy, Clock clock, Sleeper sleeper, RandomGenerator random) {
        return create(shared, dns, instance, hosts, auth, policy, clock, sleeper, random, TriageMetrics.none());
    }

    /** @param metrics told of rate-limit waits, labelled with {@code instance} */
    public static InstanceHttp create(OkHttpClient shared, Dns dns, String instance, HostPolicy hosts, ApiAuth auth,
            HttpPolicy policy, Clock clock, Sleeper sleeper, RandomGenerator random, TriageMetrics metrics) {
        Set<String> trusted = new HashSet<>(hosts.exactHosts());
        OkHttpClient client = shared.newBuilder()
                .dns(new GuardedDns(dns, trusted))
                .callTimeout(policy.callTimeout())
                .addInterceptor(new HostAllowListInterceptor(instance, hosts))
                .addInterceptor(new RetryInterceptor(policy, sleeper, clock, random,
                        waited -> metrics.rateLimitWait(instance, waited)))
                .addInterceptor(new RateLimitGate(clock))
                .addInterceptor(new ConcurrencyLimitInterceptor(instance, policy.maxConcurrentRequests(),
                        policy.callTimeout()))
                .addInterceptor(new AuthInterceptor(hosts, auth))
                .build();
        return new InstanceHttp(instance, hosts, client,
                new HttpProblems(instance, clock, policy.defaultRateLimitWait()), clock);
    }

    public String instance() {
        return instance;
    }

    public HostPolicy hosts() {
        return hosts;
    }

    /** The clock the instance's rate limits and retries run on. */
    public Clock clock() {
        return clock;
    }

    public HttpProblems problems() {
        return problems;
    }

    /** A builder on the API base URL; add path segments one by one so each is encoded exactly once. */
    public HttpUrl.Builder api() {
        return hosts.api().newBuilder();
    }

    /**
     * Executes and returns the open response for any status; the caller closes it. Reads may reuse a pooled
     * connection; anything else is sent on a fresh one.
     */
    public Response execute(Request request) throws IOException {
        boolean read = request.method().equals("GET") || request.method().equals("HEAD");
        return (read ? client : sideEffects).newCall(request.newBuilder().header("User-Agent", "pipeline-triage").build())
                .execute();
    }

    /** GET + decode, with every non-2xx or I/O failure mapped to a problem. */
    public <T> HttpOutcome<T> getJson(HttpUrl url, Class<T> type, Ask ask) {
        Request request = new Request.Builder().url(url).header("Accept", "application/json").get().build();
        return exchangeJson(request, type, ask);
    }

    /** Executes a request whose 2xx answer is JSON of the given type. */
    public <T> HttpOutcome<T> exchangeJson(Request request, Class<T> type, Ask ask) {
        try (Response response = execute(request)) {
            if (!response.isSuccessful()) {
                return new HttpOutcome.Failed<>(problems.fromResponse(response, ask));
            }
            if (response.code() == 203) {
                // Azure DevOps answers a bad PAT with 203 and an HTML sign-in page.
                return new HttpOutcome.Failed<>(problems.signInPage(ask));
            }
            return new HttpOutcome.Ok<>(decode(response, type));
        } catch (IOException e) {
            return new HttpOutcome.Failed<>(problems.fromException(e, ask, request.url().host()));
        }
    }

    /** Decodes a successful response body (bounded in size) as JSON. */
    public <T> T decode(Response response, Class<T> type) throws IOException {
        var source = response.body().source();
        if (source.request(MAX_JSON_BYTES + 1)) {
            throw new CiResponseException("CI instance '" + instance + "' sent more than " + MAX_JSON_BYTES
                    + " bytes of JSON for " + response.request().url().encodedPath());
        }
        try {
            return json.readValue(source.getBuffer().readByteArray(), type);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new CiResponseException("CI instance '" + instance + "' sent JSON that does not match the "
                    + "documented shape for " + response.request().url().encodedPath() + ": "
                    + e.getOriginalMessage());
        }
    }

    public ObjectMapper json() {
        return json;
    }
}
