package dev.pipelinetriage.app;

import dev.pipelinetriage.app.port.CiProblem;
import dev.pipelinetriage.app.port.CiProvider;
import dev.pipelinetriage.app.port.FetchResult;
import dev.pipelinetriage.app.port.LinkResult;
import dev.pipelinetriage.app.port.ResolveResult;
import dev.pipelinetriage.domain.CiLink;
import dev.pipelinetriage.domain.Job;
import dev.pipelinetriage.domain.Run;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * From a pasted link to the logs of the jobs to triage: finds the configured instance the link belongs to,
 * resolves the run (a run link means every failed job of it), and fetches each job's log under the size cap, and
 * beside it, when {@link LastGreenLogs} looks, the log of the job's last green run.
 * One job's expired log does not hide the others: each job carries its own {@link FetchResult}.
 */
public final class FailedJobLogs {
    private final List<CiProvider> providers;
    private final long maxLogBytes;
    private final LastGreenLogs lastGreen;

    /** Without the last green runs: each job's own log only. */
    public FailedJobLogs(List<CiProvider> providers, long maxLogBytes) {
        this(providers, maxLogBytes, LastGreenLogs.off());
    }

    public FailedJobLogs(List<CiProvider> providers, long maxLogBytes, LastGreenLogs lastGreen) {
        this.providers = List.copyOf(providers);
        this.maxLogBytes = maxLogBytes;
        this.lastGreen = Objects.requireNonNull(lastGreen, "lastGreen");
    }

    /** What a pasted link led to. */
    public sealed interface Outcome {
    }

    /**
     * @param jobs one entry per job to triage, in the run's order; empty when nothing failed
     */
    public record Collected(CiProvider provider, Run run, List<JobLogResult> jobs) implements Outcome {
        public Collected {
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(run, "run");
            jobs = List.copyOf(jobs);
        }
    }

    /** @param green the log of the job's last green run, or null when there is none to compare with */
    public record JobLogResult(Job job, FetchResult log, GreenLog green) {
        public JobLogResult {
            Objects.requireNonNull(job, "job");
            Objects.requireNonNull(log, "log");
        }

        public JobLogResult(Job job, FetchResult log) {
            this(job, log, null);
        }

        public Optional<GreenLog> lastGreen() {
            return Optional.ofNullable(green);
        }
    }

    /** The link was not used: unknown host, unrecognised shape or unsafe; {@code reason} is for people. */
    public record LinkRefused(String reason) implements Outcome {
        public LinkRefused {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * The CI could not tell which jobs to triage.
     *
     * @param provider the configured instance that answered, for metrics
     */
    public record Failed(CiProblem problem, String provider) implements Outcome {
        public Failed {
            Objects.requireNonNull(problem, "problem");
            Objects.requireNonNull(provider, "provider");
        }
    }

    /** The first instance that recognises the link, with the link parsed; or why none does. */
    public sealed interface Routed {
    }

    public record RoutedTo(CiProvider provider, CiLink link) implements Routed {
    }

    /**
     * Why a link is not used: a host no instance serves, another page of an instance, a refused run link, or a link
     * shaped like a configured kind's run link on a host (or port) no instance serves.
     */
    public enum Unused {
        UNKNOWN_HOST, OTHER_PAGE, REFUSED, FOREIGN_HOST
    }

    public record Unrouted(String reason, Unused kind) implements Routed {
        public Unrouted(String reason) {
            this(reason, Unused.REFUSED);
        }
    }

    public Routed route(String pasted) {
        LinkResult.Refused refusal = null;
        for (CiProvider provider : providers) {
            switch (provider.parseLink(pasted)) {
                case LinkResult.Parsed parsed -> {
                    return new RoutedTo(provider, parsed.link());
                }
                case LinkResult.Refused refused -> refusal = refusal == null ? refused : refusal;
                case LinkResult.NotThisInstance ignored -> {
                }
            }
        }
        if (refusal != null) {
            return new Unrouted("Link refused: " + refusal.reason() + ".",
                    refusal.otherPage() ? Unused.OTHER_PAGE : Unused.REFUSED);
        }
        String instances = String.join(", ", providers.stream().map(CiProvider::instance).toList());
        // A link shaped like a configured kind's run link is worth telling whoever pasted it; other links are not CI.
        Unused kind = providers.stream().anyMatch(p -> p.hasLinkShape(pasted)) ? Unused.FOREIGN_HOST : Unused.UNKNOWN_HOST;
        return new Unrouted("Unknown CI host '" + hostOf(pasted) + "': it is not one of the configured instances ("
                + instances + ").", kind);
    }

    public Outcome collect(String pasted) {
        return switch (route(pasted)) {
            case Unrouted u -> new LinkRefused(u.reason());
            case RoutedTo r -> collect(r.provider(), r.link());
        };
    }

    /** The same for ids that did not come from a link (a webhook's): the instance is named by the ids. */
    public Outcome collect(CiLink link) {
        for (CiProvider provider : providers) {
            if (provider.instance().equals(link.instance())) {
                return collect(provider, link);
            }
        }
        return new LinkRefused("No configured CI instance is named '" + link.instance() + "'.");
    }

    private Outcome collect(CiProvider provider, CiLink link) {
        return switch (provider.resolve(link)) {
            case CiProblem problem -> new Failed(problem, provider.instance());
            case ResolveResult.Resolved resolved -> {
                // Every lookup starts first, so the green runs are searched while the failed logs download.
                List<LastGreenLogs.Lookup> greens = resolved.targets().stream()
                        .map(job -> lastGreen.start(provider, resolved.run(), job)).toList();
                List<JobLogResult> jobs = new ArrayList<>();
                for (int i = 0; i < resolved.targets().size(); i++) {
                    Job job = resolved.targets().get(i);
                    FetchResult log = provider.fetchLog(job, maxLogBytes);
                    GreenLog green = log instanceof FetchResult.Fetched ? greens.get(i).await().orElse(null) : null;
                    jobs.add(new JobLogResult(job, log, green));
                }
                yield new Collected(provider, resolved.run(), jobs);
            }
        };
    }

    /** For the message only; the link is never requested. */
    private static String hostOf(String pasted) {
        try {
            URI uri = URI.create(pasted.strip());
            String host = uri.getHost();
            // A port is named: the configured host on another port is another server.
            return host == null ? "?" : host.replaceAll("[^A-Za-z0-9.\\-\\[\\]:]", "?")
                    + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        } catch (IllegalArgumentException e) {
            return "?";
        }
    }
}
