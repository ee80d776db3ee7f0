package dev.pipelinetriage.chat;

import dev.pipelinetriage.app.KnowledgeBaseReload;
import dev.pipelinetriage.app.port.Actor;
import dev.pipelinetriage.app.port.AuditEntry;
import dev.pipelinetriage.app.port.AuditLog;
import dev.pipelinetriage.app.port.Authorizer;
import java.time.Clock;
import java.util.Objects;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code kb reload}: an authorized user makes the bot re-read its knowledge base now (after a merge to the
 * knowledge-base repository, say). Privileged like a rerun: authorized by the same decision, audited either way.
 */
public final class KbReloadCommand implements ChatCommand {
    private static final Logger LOG = LoggerFactory.getLogger(KbReloadCommand.class);
    public static final String ACTION = "kb-reload";
    private static final Pattern TEXT = Pattern.compile("(?i)(?:^|\\s)kb\\s+reload\\s*$");

    private final KnowledgeBaseReload reload;
    private final Authorizer authorizer;
    private final AuditLog audit;
    private final Clock clock;

    public KbReloadCommand(KnowledgeBaseReload reload, Authorizer authorizer, AuditLog audit, Clock clock) {
        this.reload = Objects.requireNonNull(reload, "reload");
        this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public boolean matches(String text) {
        return TEXT.matcher(text.strip()).find();
    }

    @Override
    public ChatText run(Actor actor, Place place) {
        if (authorizer.authorize(actor, "reload the knowledge base of") instanceof Authorizer.Denied denied) {
            audit.appendBestEffort(entry(actor, place, "denied", denied.reason()));
            return ChatText.of("Not reloaded: " + denied.reason());
        }
        // Fail closed, as a rerun does: what the audit log cannot record is not done.
        try {
            audit.append(entry(actor, place, "requested", "kb reload from chat"));
        } catch (RuntimeException e) {
            LOG.warn("audit log unavailable; knowledge base not reloaded", e);
            return ChatText.of("Not reloaded: the audit log is unavailable, so the bot changes nothing now; try again later.");
        }
        return switch (reload.reload()) {
            case KnowledgeBaseReload.Swapped swapped -> {
                audit.appendBestEffort(entry(actor, place, "reloaded", swapped.serving().knownErrors().size() + " known errors"));
                yield ChatText.of("Knowledge base reloaded: " + swapped.serving().knownErrors().size()
                        + " known errors (was " + swapped.previousEntries() + ").");
            }
            case KnowledgeBaseReload.Refused refused -> {
                audit.appendBestEffort(entry(actor, place, "refused", refused.problemCount() + " problem(s)"));
                yield ChatText.of("Knowledge base reload refused (" + refused.problemCount() + " problem(s)); the "
                        + "previous one with " + refused.stillServing().knownErrors().size() + " known errors keeps "
                        + "serving. First: " + refused.reasons().getFirst());
            }
        };
    }

    private AuditEntry entry(Actor actor, Place place, String outcome, String reason) {
        return new AuditEntry(clock.instant(), actor.platform(), actor.workspace(), actor.user(), place.channel(),
                ACTION, "knowledge base", outcome, reason);
    }
}
