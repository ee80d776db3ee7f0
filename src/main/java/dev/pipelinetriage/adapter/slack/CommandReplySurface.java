package dev.pipelinetriage.adapter.slack;

import com.slack.api.bolt.context.builtin.SlashCommandContext;
import dev.pipelinetriage.chat.CardView;
import dev.pipelinetriage.chat.ChatSurface;
import dev.pipelinetriage.chat.ChatText;
import dev.pipelinetriage.chat.Place;
import dev.pipelinetriage.chat.Posted;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The surface for one {@code /triage} request. Slack lets anyone run a slash command in a channel the bot has not
 * joined, but the bot cannot post there ({@code not_in_channel}); the command's {@code response_url} still works,
 * so what could not be posted reaches the person who asked, privately, with a word on how to invite the bot.
 */
final class CommandReplySurface implements ChatSurface {
    private static final Logger LOG = LoggerFactory.getLogger(CommandReplySurface.class);
    /** Slack's answers when the bot may not post in the channel. */
    private static final Set<String> NOT_A_MEMBER = Set.of("not_in_channel", "channel_not_found", "is_archived");

    private final ChatSurface surface;
    private final SlashCommandContext command;
    private final AtomicBoolean explained = new AtomicBoolean();

    CommandReplySurface(ChatSurface surface, SlashCommandContext command) {
        this.surface = surface;
        this.command = command;
    }

    @Override
    public Posted post(Place place, ChatText text) {
        Posted posted = surface.post(place, text);
        return notAMember(posted) ? respond(SlackText.render(text)) : posted;
    }

    @Override
    public Posted showCard(Place place, String replacing, CardView card) {
        Posted posted = surface.showCard(place, replacing, card);
        if (!notAMember(posted)) {
            return posted;
        }
        try {
            var answer = command.respond(r -> r.responseType("ephemeral").text(BlockKitCard.fallback(card))
                    .blocks(BlockKitCard.render(card)));
            if (answer.getCode() == null || answer.getCode() != 200) {
                LOG.warn("Slack response_url did not take the card: HTTP {}", answer.getCode());
            }
        } catch (IOException e) {
            LOG.warn("Slack response_url did not take the card: {}", e.getClass().getSimpleName());
        }
        // The card is only in the asker's view and cannot be updated later: there is no message to keep.
        return posted;
    }

    @Override
    public Posted tell(Place place, String user, ChatText text) {
        Posted posted = surface.tell(place, user, text);
        return notAMember(posted) ? respond(SlackText.render(text)) : posted;
    }

    private static boolean notAMember(Posted posted) {
        return posted instanceof Posted.Undelivered u && NOT_A_MEMBER.contains(u.reason());
    }

    /** Answers through response_url; the first answer also says why the card is not in the channel. */
    private Posted respond(String text) {
        String said = explained.compareAndSet(false, true)
                ? "The bot is not a member of this channel, so only you see this. Invite it with `/invite @pipeline-triage` "
                        + "to have cards posted here.\n" + text
                : text;
        try {
            var answer = command.respond(r -> r.responseType("ephemeral").text(said));
            if (answer.getCode() == null || answer.getCode() != 200) {
                LOG.warn("Slack response_url did not take the answer: HTTP {}", answer.getCode());
            }
            return new Posted.Undelivered("not_in_channel: answered through response_url");
        } catch (IOException e) {
            LOG.warn("Slack response_url did not take the answer: {}", e.getClass().getSimpleName());
            return new Posted.Undelivered("not_in_channel; response_url failed");
        }
    }
}
