package dev.pipelinetriage.boot;

import dev.pipelinetriage.adapter.ticket.github.GitHubIssues;
import dev.pipelinetriage.adapter.ticket.github.GitHubIssuesSettings;
import dev.pipelinetriage.adapter.ticket.jira.JiraSettings;
import dev.pipelinetriage.adapter.ticket.jira.JiraTrackers;
import dev.pipelinetriage.app.TicketPolicy;
import dev.pipelinetriage.app.AutomaticTickets;
import dev.pipelinetriage.app.ChatTickets;
import dev.pipelinetriage.app.TicketFiler;
import dev.pipelinetriage.app.TicketReconciler;
import dev.pipelinetriage.app.port.AuditLog;
import dev.pipelinetriage.app.port.Authorizer;
import dev.pipelinetriage.app.port.StateStore;
import dev.pipelinetriage.app.port.TicketTracker;
import dev.pipelinetriage.boot.config.TicketsSection;
import dev.pipelinetriage.engine.redact.Redactor;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import okhttp3.OkHttpClient;

/** Builds the ticket tracker and the ticket services over it from the {@code tickets:} section. */
final class TicketWiring {
    private TicketWiring() {
    }

    static TicketTracker tracker(TicketsSection section, Map<String, String> env, OkHttpClient shared, Clock clock) {
        String token = section.token().read("tickets.token", env);
        return switch (section.tracker()) {
            case JIRA_CLOUD -> JiraTrackers.cloud(shared, jira(section), section.user(), token, clock);
            case JIRA_DATA_CENTER -> JiraTrackers.dataCenter(shared, jira(section), token, clock);
            case GITHUB -> GitHubIssues.tracker(shared, new GitHubIssuesSettings(section.baseUrl(), section.repository(),
                    section.labels()), token, clock);
        };
    }

    private static JiraSettings jira(TicketsSection section) {
        return new JiraSettings(section.baseUrl(), section.project(), section.issueType(), section.labels(),
                section.components(), section.reopenTransition());
    }

    /** The ticket parts of one process: one tracker (its token read once), shared by every chat platform. */
    record Tickets(TicketFiler filer, AutomaticTickets automatic, TicketReconciler reconciler, StateStore store,
            Duration confirmWithin) {

        /** Filing from chat on one platform, with that platform's idea of who may. */
        ChatTickets chat(Authorizer authorizer) {
            return new ChatTickets(store, store, store, filer, authorizer, confirmWithin);
        }
    }

    /** @param slackRunbooks the Slack section's runbook base, used when the tickets section names none */
    static Tickets tickets(TicketsSection section, Map<String, String> env, StateStore store, AuditLog audit,
            OkHttpClient shared, Clock clock, Duration confirmWithin, String slackRunbooks, Redactor redactor) {
        TicketPolicy p = section.policy();
        TicketPolicy policy = p.runbookBase() != null || slackRunbooks == null ? p
                : new TicketPolicy(p.thresholds(), p.commentEvery(), p.reopen(), p.reconcileAfter(), p.retention(), slackRunbooks);
        TicketFiler filer = new TicketFiler(store, store, tracker(section, env, shared, clock), audit, policy,
                redactor, clock, () -> UUID.randomUUID().toString());
        return new Tickets(filer, new AutomaticTickets(store, store, filer), new TicketReconciler(store, store, filer),
                store, confirmWithin);
    }
}
