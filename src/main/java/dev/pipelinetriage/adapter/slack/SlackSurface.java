package dev.pipelinetriage.adapter.slack;

import dev.pipelinetriage.chat.CardView;
import dev.pipelinetriage.chat.ChatSurface;
import dev.pipelinetriage.chat.ChatText;
import dev.pipelinetriage.chat.Place;
import dev.pipelinetriage.chat.Posted;

/** The conversation layer's view of Slack: thread replies, card updates, ephemeral messages. */
final class SlackSurface implements ChatSurface {
    private final SlackWeb web;

    SlackSurface(SlackWeb web) {
        this.web = web;
    }

    @Override
    public Posted post(Place place, ChatText text) {
        return web.postMessage(place.channel(), place.thread(), SlackText.render(text), null);
    }

    @Override
    public Posted showCard(Place place, String replacing, CardView card) {
        if (replacing != null) {
            return web.update(place.channel(), replacing, BlockKitCard.fallback(card), BlockKitCard.render(card));
        }
        return web.postMessage(place.channel(), place.thread(), BlockKitCard.fallback(card), BlockKitCard.render(card));
    }

    @Override
    public Posted tell(Place place, String user, ChatText text) {
        return web.postEphemeral(place.channel(), user, place.thread(), SlackText.render(text));
    }
}
