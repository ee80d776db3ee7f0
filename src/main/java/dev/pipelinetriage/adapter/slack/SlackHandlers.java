package dev.pipelinetriage.adapter.slack;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.bolt.request.builtin.EventRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.event.AppMentionEvent;
import com.slack.api.model.event.MessageEvent;
import dev.pipelinetriage.app.port.Actor;
import dev.pipelinetriage.chat.CardActions;
import dev.pipelinetriage.chat.ChatSurface;
import dev.pipelinetriage.chat.ChatText;
import dev.pipelinetriage.chat.Inbound;
import dev.pipelinetriage.chat.Place;
import dev.pipelinetriage.chat.RefusedLinks;
import dev.pipelinetriage.chat.TicketActions;
import dev.pipelinetriage.chat.TriageConversation;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Translates Slack's requests into the conversation layer's terms and back. Every handler acknowledges at once;
 * anything that calls Slack or the CI runs on the workers. Identity comes only from the signed payload.
 */
final class SlackHandlers {
    static final String PLATFORM = "slack";
    static final String COMMAND = "/triage";
    static final String SHORTCUT = "triage_this";
    private static final Logger LOG = LoggerFactory.getLogger(SlackHandlers.class);

    private final TriageConversation conversation;
    private final CardActions actions;
    private final ChatSurface surface;
    private final SlackWeb web;
    private final dev.pipelinetriage.chat.Workers workers;

    private final SlackNotifierMessages notifiers;
    private final SlackRefusals refusals;

    SlackHandlers(TriageConversation conversation, CardActions actions, ChatSurface surface, SlackWeb web,
            dev.pipelinetriage.chat.Workers workers, SlackNotifierMessages notifiers, SlackRefusals refusals) {
        this.notifiers = notifiers;
        this.refusals = refusals;
        this.conversation = conversation;
        this.actions = actions;
        this.surface = surface;
        this.web = web;
        this.workers = workers;
    }

    void register(App app) {
        if (notifiers.enabled()) {
            // Ahead of the event handlers, which drop every bot's message: listed notifiers' messages (with any
            // subtype, edits included) are read here from the raw envelope.
            app.use((req, resp, chain) -> {
                if (req instanceof EventRequest event && "message".equals(event.getEventType())) {
                    // Without the bot's own ids no bot message is read: it could be the bot's own.
                    var notice = web.ownIds().flatMap(own -> notifiers.read(event.getRequestBodyAsString(), own.botId(),
                            own.userId()));
                    if (notice.isPresent()) {
                        conversation.onMessage(notice.get(), surface);
                        return Response.ok();
                    }
                }
                return chain.next(req);
            });
        }
        app.event(MessageEvent.class, (payload, ctx) -> {
            MessageEvent e = payload.getEvent();
            if (fromBot(e.getBotId(), e.getUser(), ctx) || mentionsBot(e.getText(), ctx)) {
                // The bot's own posts, other bots' and @-mentions (answered through app_mention) are not triaged here.
                return ctx.ack();
            }
            String thread = e.getThreadTs() != null ? e.getThreadTs() : e.getTs();
            receive(new Inbound(Inbound.Trigger.MESSAGE, payload.getEventId(), place(payload.getTeamId(), e.getChannel(), thread),
                    actor(payload.getTeamId(), e.getUser(), e.getTeam()), unwrap(e.getText())), e.getTs());
            return ctx.ack();
        });
        app.event(AppMentionEvent.class, (payload, ctx) -> {
            AppMentionEvent e = payload.getEvent();
            if (fromBot(e.getBotId(), e.getUser(), ctx)) {
                return ctx.ack();
            }
            String thread = e.getThreadTs() != null ? e.getThreadTs() : e.getTs();
            receive(new Inbound(Inbound.Trigger.MENTION, payload.getEventId(), place(payload.getTeamId(), e.getChannel(), thread),
                    actor(payload.getTeamId(), e.getUser(), e.getUserTeam()), unwrap(e.getText())), e.getTs());
            return ctx.ack();
        });
        app.command(COMMAND, (req, ctx) -> {
            var p = req.getPayload();
            var reception = conversation.onMessage(new Inbound(Inbound.Trigger.COMMAND, null,
                    place(p.getTeamId(), p.getChannelId(), null), actor(p.getTeamId(), p.getUserId(), null),
                    unwrap(p.getText())), new CommandReplySurface(surface, ctx));
            return switch (reception) {
                case TriageConversation.Accepted a -> ctx.ack("Triaging " + a.links() + (a.links() == 1 ? " link" : " links")
                        + "; the card appears in this channel.");
                case TriageConversation.Hint h -> ctx.ack(SlackText.render(h.text()));
                case TriageConversation.Ignored i -> ctx.ack();
            };
        });
        app.messageShortcut(SHORTCUT, (req, ctx) -> {
            var p = req.getPayload();
            var m = p.getMessage();
            String thread = m.getThreadTs() != null ? m.getThreadTs() : m.getTs();
            receive(new Inbound(Inbound.Trigger.SHORTCUT, null, place(p.getTeam().getId(), p.getChannel().getId(), thread),
                    actor(p.getTeam().getId(), p.getUser().getId(), p.getUser().getTeamId()), unwrap(m.getText())), m.getTs());
            return ctx.ack();
        });
        app.blockAction(BlockKitCard.RERUN, (req, ctx) -> {
            BlockActionPayload p = req.getPayload();
            Actor actor = actor(p);
            Place place = place(p);
            String cardId = p.getActions().getFirst().getValue();
            String trigger = p.getTriggerId();
            work("rerun click", () -> {
                switch (actions.rerunClicked(actor, place.channel(), cardId)) {
                    case CardActions.ConfirmRerun confirm -> web.openView(trigger, SlackModals.confirmRerun(confirm, place.channel()))
                            .ifPresent(error -> surface.tell(place, actor.user(),
                                    ChatText.of("Slack did not open the confirmation (" + error + "); click again.")));
                    case CardActions.Refuse refuse -> surface.tell(place, actor.user(), refuse.text());
                }
            });
            return ctx.ack();
        });
        app.blockAction(BlockKitCard.PROPOSE_ENTRY, (req, ctx) -> {
            BlockActionPayload p = req.getPayload();
            Actor actor = actor(p);
            Place place = place(p);
            String cardId = p.getActions().getFirst().getValue();
            work("propose entry", () -> actions.proposeClicked(actor, place, cardId, surface));
            return ctx.ack();
        });
        app.blockAction(BlockKitCard.HELPFUL, (req, ctx) -> {
            BlockActionPayload p = req.getPayload();
            Actor actor = actor(p);
            Place place = place(p);
            String cardId = p.getActions().getFirst().getValue();
            work("helpful", () -> surface.tell(place, actor.user(), actions.helpful(actor, cardId)));
            return ctx.ack();
        });
        app.blockAction(BlockKitCard.NOT_RIGHT, (req, ctx) -> {
            BlockActionPayload p = req.getPayload();
            Place place = place(p);
            String user = p.getUser().getId();
            String cardId = p.getActions().getFirst().getValue();
            String trigger = p.getTriggerId();
            work("not right click", () -> actions.notRightClicked(cardId).ifPresentOrElse(
                    form -> web.openView(trigger, SlackModals.notRight(form, place.channel())),
                    () -> surface.tell(place, user, ChatText.of("The bot no longer knows this card."))));
            return ctx.ack();
        });
        app.viewSubmission(SlackModals.CONFIRM_RERUN, (req, ctx) -> {
            var p = req.getPayload();
            Actor actor = actor(p.getTeam().getId(), p.getUser().getId(), p.getUser().getTeamId());
            String[] meta = metadata(p.getView().getPrivateMetadata());
            Place where = place(p.getTeam().getId(), meta[1], null);
            work("rerun confirm", () -> actions.rerunConfirmed(actor, where, meta[0], surface));
            return ctx.ack();
        });
        app.viewSubmission(SlackModals.NOT_RIGHT, (req, ctx) -> {
            var p = req.getPayload();
            Actor actor = actor(p.getTeam().getId(), p.getUser().getId(), p.getUser().getTeamId());
            String[] meta = metadata(p.getView().getPrivateMetadata());
            var state = p.getView().getState();
            var verdict = SlackModals.verdict(state);
            if (verdict.isEmpty()) {
                return ctx.ackWithErrors(java.util.Map.of(SlackModals.VERDICT, "Pick the right verdict."));
            }
            Optional<String> known = SlackModals.value(state, SlackModals.KNOWN_ERROR);
            Optional<String> note = SlackModals.value(state, SlackModals.NOTE);
            Place where = place(p.getTeam().getId(), meta[1], null);
            work("not right", () -> surface.tell(where, actor.user(), actions.notRightSubmitted(actor, meta[0],
                    verdict.get(), known.orElse(null), note.orElse(null))));
            return ctx.ack();
        });
    }

    /** File ticket: click -> authorization -> confirmation modal -> tracker, like a rerun. */
    void registerTickets(App app, TicketActions tickets) {
        app.blockAction(BlockKitCard.FILE_TICKET, (req, ctx) -> {
            BlockActionPayload p = req.getPayload();
            Actor actor = actor(p);
            Place place = place(p);
            String cardId = p.getActions().getFirst().getValue();
            String trigger = p.getTriggerId();
            work("file ticket click", () -> {
                switch (tickets.fileClicked(actor, place.channel(), cardId)) {
                    case TicketActions.Confirm confirm -> web.openView(trigger, SlackModals.confirmTicket(confirm, place.channel()))
                            .ifPresent(error -> surface.tell(place, actor.user(),
                                    ChatText.of("Slack did not open the confirmation (" + error + "); click again.")));
                    case TicketActions.Refuse refuse -> surface.tell(place, actor.user(), refuse.text());
                }
            });
            return ctx.ack();
        });
        app.viewSubmission(SlackModals.CONFIRM_TICKET, (req, ctx) -> {
            var p = req.getPayload();
            Actor actor = actor(p.getTeam().getId(), p.getUser().getId(), p.getUser().getTeamId());
            String[] meta = metadata(p.getView().getPrivateMetadata());
            Place where = place(p.getTeam().getId(), meta[1], null);
            work("file ticket confirm", () -> tickets.fileConfirmed(actor, where, meta[0], surface));
            return ctx.ack();
        });
    }

    /** @param messageTs the message's own ts, which a reaction goes on */
    private void receive(Inbound in, String messageTs) {
        if (!(conversation.onMessage(in, surface) instanceof TriageConversation.Hint hint)) {
            return;
        }
        String user = in.from().user();
        if (hint.declined().isEmpty()) {
            work("hint", () -> surface.tell(in.place(), user, hint.text()));
            return;
        }
        // Links refused in passing: answered as configured, once per poster and link.
        if (refusals.mode() == RefusedLinks.SILENT || !refusals.firstTime(in.place(), user, hint.declined())) {
            return;
        }
        switch (refusals.mode()) {
            case EPHEMERAL -> work("hint", () -> surface.tell(in.place(), user, hint.text()));
            case REACTION -> work("reaction", () -> web.addReaction(in.place().channel(), messageTs, SlackRefusals.REACTION));
            case SILENT -> {
            }
        }
    }

    private void work(String name, Runnable task) {
        if (!workers.submit(name, task)) {
            LOG.warn("dropped {}: the bot is busy", name);
        }
    }

    private static boolean fromBot(String botId, String user, EventContext ctx) {
        return botId != null || user == null || user.equals(ctx.getBotUserId());
    }

    private static boolean mentionsBot(String text, EventContext ctx) {
        return text != null && ctx.getBotUserId() != null && text.contains("<@" + ctx.getBotUserId() + ">");
    }

    /** Slack wraps links as {@code <url|label>} and escapes {@code & < >}; the detector wants plain text. */
    static String unwrap(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    private static Place place(String team, String channel, String thread) {
        return new Place(PLATFORM, team == null ? "" : team, channel, thread);
    }

    private static Place place(BlockActionPayload p) {
        String thread = p.getMessage() != null ? p.getMessage().getThreadTs() : null;
        return place(p.getTeam().getId(), p.getChannel().getId(), thread);
    }

    /** A user whose home team is not the team the request came through is from another organization. */
    private static Actor actor(String team, String user, String userTeam) {
        String workspace = team == null ? "" : team;
        return new Actor(PLATFORM, workspace, user, userTeam != null && !userTeam.equals(workspace));
    }

    private static Actor actor(BlockActionPayload p) {
        return actor(p.getTeam().getId(), p.getUser().getId(), p.getUser().getTeamId());
    }

    private static String[] metadata(String privateMetadata) {
        String[] parts = privateMetadata == null ? new String[0] : privateMetadata.split(" ", 2);
        return parts.length == 2 ? parts : new String[] {"", ""};
    }
}
