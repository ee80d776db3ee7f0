package dev.pipelinetriage.chat;

import dev.pipelinetriage.app.FailedJobLogs;
import dev.pipelinetriage.app.FeedbackService;
import dev.pipelinetriage.app.LinkTriage;
import dev.pipelinetriage.app.RerunService;
import dev.pipelinetriage.app.TriageService;
import dev.pipelinetriage.app.port.Authorizer;
import dev.pipelinetriage.app.port.FakeCiProvider;
import dev.pipelinetriage.app.port.InMemoryAuditLog;
import dev.pipelinetriage.app.port.InMemoryPendingWork;
import dev.pipelinetriage.app.port.InMemoryStateStore;
import dev.pipelinetriage.app.port.KnowledgeBaseLoad;
import dev.pipelinetriage.app.port.TriageHistory;
import dev.pipelinetriage.app.port.TriageMetrics;
import dev.pipelinetriage.boot.Bootstrap;
import dev.pipelinetriage.domain.KnownError;
import dev.pipelinetriage.engine.redact.Redactor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The conversation layer over in-memory ports and the bundled knowledge base. */
final class ChatTestKit implements AutoCloseable {
    static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private static final List<KnownError> KB = ((KnowledgeBaseLoad.Loaded) Bootstrap.knowledgeBase(Optional.empty())).knownErrors();
    private static final TriageService TRIAGE = Bootstrap.triageService(KB);

    final FakeCiProvider ci = new FakeCiProvider();
    final InMemoryStateStore store = new InMemoryStateStore();
    final InMemoryAuditLog audit = new InMemoryAuditLog();
    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final Workers workers = new Workers(2, 200);
    final InMemoryPendingWork pending = new InMemoryPendingWork();
    final AcknowledgedWork work = new AcknowledgedWork(pending, "test-instance", clock, Duration.ofSeconds(60), workers);
    final CardCodec codec = new CardCodec(new Redactor());
    final FailedJobLogs logs = new FailedJobLogs(List.of(ci), 1 << 20);
    final Authorizer authorizer = (actor, action) -> actor.user().equals("U_ONCALL")
            ? new Authorizer.Allowed("listed user") : new Authorizer.Denied("Only on-call engineers may rerun.");

    TriageConversation conversation(int maxLinks, Set<String> channels) {
        return new TriageConversation(new LinkDetector(logs, maxLinks), new LinkTriage(logs, TRIAGE, 30),
                new CardBuilder("https://git.example/kb/blob/main"), codec, store, workers, work, clock,
                Duration.ofHours(26), channels);
    }

    /** A conversation as {@code serve} wires it: metrics, triage history and commands to the bot. */
    TriageConversation conversation(dev.pipelinetriage.app.port.CiProvider provider, TriageMetrics metrics,
            TriageHistory history, List<ChatCommand> commands) {
        FailedJobLogs logs = new FailedJobLogs(List.of(provider), 1 << 20);
        return new TriageConversation(new LinkDetector(logs, 3), new LinkTriage(logs, () -> TRIAGE, 30,
                dev.pipelinetriage.app.port.OccurrenceListener.NONE, metrics, history, workers, clock),
                new CardBuilder("https://git.example/kb/blob/main"), codec, store, workers, work, clock,
                Duration.ofHours(26), Set.of(), ChatCommands.NONE, metrics, commands);
    }

    CardActions actions() {
        return new CardActions(new RerunService(List.of(ci), authorizer, store, store, audit, clock, Duration.ofMinutes(10)),
                new FeedbackService(store, store, new Redactor(), clock), store, codec, KB);
    }

    @Override
    public void close() {
        workers.shutdown(10);
    }
}
