package dev.pipelinetriage.chat;

import dev.pipelinetriage.app.KnowledgeBaseProposals;
import dev.pipelinetriage.app.port.Actor;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code propose fp-<signature>}: the weekly digest's action on an unexplained group. A curator asks the bot to
 * propose a knowledge-base entry for the group's latest failure, as a card's button does; the same authorization,
 * claim and audit apply, and the answer is said in the channel.
 */
public final class ProposeCommand implements ChatCommand {
    private static final Pattern TEXT = Pattern.compile("(?i)(?:^|\\s)propose\\s+(fp-[0-9a-f]{16})\\s*$");

    private final KnowledgeBaseProposals proposals;

    public ProposeCommand(KnowledgeBaseProposals proposals) {
        this.proposals = Objects.requireNonNull(proposals, "proposals");
    }

    /** The request that asks for it, as the digest shows it. */
    public static String request(String signatureKey) {
        return "propose " + signatureKey;
    }

    /** The signature a request names, if it is one. */
    public static Optional<String> signatureIn(String text) {
        Matcher m = TEXT.matcher(text.strip());
        return m.find() ? Optional.of(m.group(1).toLowerCase(Locale.ROOT)) : Optional.empty();
    }

    @Override
    public boolean matches(String text) {
        return signatureIn(text).isPresent();
    }

    @Override
    public ChatText run(Actor actor, Place place) {
        return ChatText.of("Say propose and a signature from the digest, e.g. propose fp-0123456789abcdef.");
    }

    @Override
    public ChatText run(Actor actor, Place place, String text) {
        return signatureIn(text).map(signature -> CardActions.proposalAnswer(
                proposals.proposeSignature(actor, place.channel(), signature))).orElseGet(() -> run(actor, place));
    }
}
