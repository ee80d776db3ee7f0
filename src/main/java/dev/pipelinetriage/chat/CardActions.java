package dev.pipelinetriage.chat;

import dev.pipelinetriage.app.FeedbackService;
import dev.pipelinetriage.app.KnowledgeBaseProposals;
import dev.pipelinetriage.app.RerunService;
import dev.pipelinetriage.app.port.Actor;
import dev.pipelinetriage.app.port.CardStore;
import dev.pipelinetriage.app.port.StoredCard;
import dev.pipelinetriage.domain.KnownError;
import dev.pipelinetriage.domain.Verdict;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The card's buttons, the same for every chat platform. Reruns go propose -> confirm -> act through
 * {@link RerunService}; feedback through {@link FeedbackService}. Every answer is a value the adapter shows.
 */
public final class CardActions {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final RerunService reruns;
    private final FeedbackService feedback;
    private final CardStore store;
    private final CardCodec codec;
    private final List<KnownError> knownErrors;
    private final Optional<KnowledgeBaseProposals> proposals;

    public CardActions(RerunService reruns, FeedbackService feedback, CardStore store, CardCodec codec,
            List<KnownError> knownErrors) {
        this(reruns, feedback, store, codec, knownErrors, Optional.empty());
    }

    /** @param proposals the Propose knowledge-base entry button's use case, when a knowledge-base repository is configured */
    public CardActions(RerunService reruns, FeedbackService feedback, CardStore store, CardCodec codec,
            List<KnownError> knownErrors, Optional<KnowledgeBaseProposals> proposals) {
        this.proposals = Objects.requireNonNull(proposals, "proposals");
        this.reruns = Objects.requireNonNull(reruns, "reruns");
        this.feedback = Objects.requireNonNull(feedback, "feedback");
        this.store = Objects.requireNonNull(store, "store");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.knownErrors = List.copyOf(knownErrors);
    }

    public sealed interface RerunPrompt {
    }

    /**
     * The confirmation dialog.
     *
     * @param token what the dialog carries back; nothing else in it is trusted
     * @param warning shown prominently when the verdict is code, else null
     */
    public record ConfirmRerun(String token, String title, String body, String warning, String confirm, String cancel)
            implements RerunPrompt {
    }

    /** Not allowed or not possible; tell the user only. */
    public record Refuse(ChatText text) implements RerunPrompt {
    }

    /** Step 1: a user pressed Rerun failed jobs. */
    public RerunPrompt rerunClicked(Actor actor, String channel, String cardId) {
        return switch (reruns.propose(actor, channel, cardId)) {
            case RerunService.Refused refused -> new Refuse(ChatText.of(refused.reason()));
            case RerunService.Confirm confirm -> {
                StoredCard card = confirm.card();
                String jobs = card.failedJobs().isEmpty() ? "its failed jobs" : String.join(", ", card.failedJobs());
                String body = "This reruns the failed jobs of " + CardBuilder.title(card.run()) + " (" + jobs + ") on "
                        + card.run().instance() + ". The rerun is recorded in the audit log under your name.";
                String warning = card.verdict() == Verdict.CODE
                        ? "The verdict is code: the failure comes from the change or its tests, and a rerun rarely "
                        + "helps. Rerun only if you know it was not the code."
                        : null;
                yield new ConfirmRerun(confirm.pending().id(), "Rerun failed jobs?", body, warning, "Rerun",
                        CardButtons.CANCEL);
            }
        };
    }

    /**
     * Step 2: the user confirmed. Calls the CI (seconds): run it on a worker, not on the request thread. The card
     * is redrawn with the new attempt's link and who asked; anything else is told to the user.
     */
    public void rerunConfirmed(Actor actor, Place where, String token, ChatSurface surface) {
        switch (reruns.confirm(actor, where.channel(), token)) {
            case RerunService.Started started -> {
                CardView card = codec.decode(started.card().document())
                        .withRerun(new CardView.RerunNote(actor.user(), started.link(), started.at()));
                store.saveCard(started.card().withDocument(codec.encode(card)));
                Place cardPlace = new Place(where.platform(), where.workspace(), started.card().message().channel(), null);
                if (surface.showCard(cardPlace, started.card().message().message(), card) instanceof Posted.Undelivered) {
                    surface.tell(where, actor.user(), ChatText.builder().text("Rerun started: ")
                            .link(started.link(), "new attempt").build());
                }
            }
            case RerunService.AlreadyRequested already -> surface.tell(where, actor.user(), alreadyRequested(already));
            case RerunService.Refused refused -> surface.tell(where, actor.user(), ChatText.of(refused.reason()));
            case RerunService.Failed failed -> surface.tell(where, actor.user(),
                    ChatText.of("The CI did not start the rerun: " + failed.reason()));
        }
    }

    private static ChatText alreadyRequested(RerunService.AlreadyRequested already) {
        ChatText.Builder text = ChatText.builder().text("A rerun of this run was already requested by ")
                .mention(already.user()).text(" at " + TIME.format(already.at()) + ", so nothing was started again.");
        already.link().ifPresent(link -> text.text(" ").link(link, "New attempt"));
        return text.build();
    }

    /**
     * A curator pressed Propose knowledge-base entry. Reads the log again, drafts, checks and opens a request on the
     * code host (seconds): run it on a worker. The answer goes to the user only.
     */
    public void proposeClicked(Actor actor, Place where, String cardId, ChatSurface surface) {
        if (proposals.isEmpty()) {
            surface.tell(where, actor.user(), ChatText.of("Proposing knowledge-base entries is not configured."));
            return;
        }
        surface.tell(where, actor.user(), proposalAnswer(proposals.get().propose(actor, where.channel(), cardId)));
    }

    /** What a proposal's outcome tells the curator, from a card or the digest's command. */
    static ChatText proposalAnswer(KnowledgeBaseProposals.Outcome outcome) {
        return switch (outcome) {
            case KnowledgeBaseProposals.Opened opened -> ChatText.builder().text("Opened ")
                    .link(opened.url(), opened.requestName()).text(" proposing knowledge-base entry " + opened.entryId()
                            + ". It passed kb lint and kb test; review and merge it as usual.").build();
            case KnowledgeBaseProposals.AlreadyProposed already -> {
                ChatText.Builder text = ChatText.builder().text("An entry for this failure was already proposed by ")
                        .mention(already.user()).text(" at " + TIME.format(already.at()) + ", so nothing was opened again.");
                already.link().ifPresent(link -> text.text(" ").link(link, "Open it"));
                yield text.build();
            }
            case KnowledgeBaseProposals.Refused refused -> ChatText.of(refused.reason());
            case KnowledgeBaseProposals.Failed failed -> ChatText.of("The code host did not open the request: "
                    + failed.reason());
        };
    }

    public ChatText helpful(Actor actor, String cardId) {
        return ChatText.of(switch (feedback.helpful(actor, cardId)) {
            case SAVED -> "Thanks! Counted as helpful.";
            case ALREADY_GIVEN -> "You already marked this card; counted once.";
            case UNKNOWN_CARD -> "The bot no longer knows this card.";
        });
    }

    /** The "Not right" form: pick the verdict, optionally a known error, optionally say what it was. */
    public record FeedbackForm(String cardId, String title, Verdict current, List<Verdict> verdicts,
            List<Option> knownErrors) {
        public FeedbackForm {
            verdicts = List.copyOf(verdicts);
            knownErrors = List.copyOf(knownErrors);
        }
    }

    public record Option(String value, String label) {
    }

    public Optional<FeedbackForm> notRightClicked(String cardId) {
        return store.card(cardId).map(card -> new FeedbackForm(cardId, "What was it really?", card.verdict(),
                List.of(Verdict.CODE, Verdict.PLATFORM, Verdict.FLAKY, Verdict.UNKNOWN),
                knownErrors.stream().map(k -> new Option(k.id(), k.title())).toList()));
    }

    public ChatText notRightSubmitted(Actor actor, String cardId, Verdict correct, String knownError, String note) {
        // Only ids from the knowledge base are kept: the form's value is not trusted.
        String known = knownErrors.stream().map(KnownError::id).filter(id -> id.equals(knownError)).findFirst().orElse(null);
        return ChatText.of(switch (feedback.notRight(actor, cardId, correct, known, note)) {
            case SAVED -> "Thanks! Your correction (" + correct.wireName() + ") was recorded for the knowledge base's owners.";
            case ALREADY_GIVEN -> "You already corrected this card; the first correction is kept.";
            case UNKNOWN_CARD -> "The bot no longer knows this card.";
        });
    }
}
