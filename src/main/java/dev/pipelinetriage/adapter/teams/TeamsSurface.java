package dev.pipelinetriage.adapter.teams;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipelinetriage.chat.CardView;
import dev.pipelinetriage.chat.Chart;
import dev.pipelinetriage.chat.ChatSurface;
import dev.pipelinetriage.chat.ChatText;
import dev.pipelinetriage.chat.Place;
import dev.pipelinetriage.chat.Posted;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The conversation layer's view of Teams: replies in the thread, cards updated in place. Teams has no ephemeral
 * messages in channels, so {@link #tell} replies in the thread and mentions the person it is for.
 */
final class TeamsSurface implements ChatSurface {
    /**
     * The Bot Connector may store a reply and still answer 5xx, without the id that would let it be updated or
     * deleted; so a triage gets {@value #PLACEHOLDER_SECONDS} s (the typing indicator shows meanwhile) to post its
     * card alone before a placeholder is risked.
     */
    static final int PLACEHOLDER_SECONDS = 3;
    private final BotConnector connector;
    private final ServiceUrls serviceUrls;
    private final AdaptiveCards cards;
    private final People people;
    private final ReportCard reports;

    TeamsSurface(BotConnector connector, ServiceUrls serviceUrls, AdaptiveCards cards, People people) {
        this.connector = connector;
        this.serviceUrls = serviceUrls;
        this.cards = cards;
        this.people = people;
        this.reports = new ReportCard(people);
    }

    @Override
    public Posted post(Place place, ChatText text) {
        return send(place, message(TeamsText.xml(text, people)));
    }

    @Override
    public Posted showCard(Place place, String replacing, CardView card) {
        ObjectNode activity = JsonNodeFactory.instance.objectNode().put("type", "message");
        activity.putArray("attachments").addObject().put("contentType", AdaptiveCards.CONTENT_TYPE)
                .set("content", cards.render(card));
        if (replacing == null) {
            return send(place, activity);
        }
        var serviceUrl = serviceUrls.of(place.workspace(), place.channel());
        if (serviceUrl.isEmpty()) {
            return new Posted.Undelivered("no verified serviceUrl for this conversation");
        }
        return connector.update(serviceUrl.get(), place.channel(), replacing, activity);
    }

    /**
     * One Adaptive Card with the report's text and its chart as an inline image: the Bot Connector takes no file
     * uploads in channels, and one card keeps the two together.
     */
    @Override
    public ReportPosted postReport(Place place, ChatText text, Chart chart) {
        ReportCard.Rendered rendered = reports.render(text, chart);
        ObjectNode activity = JsonNodeFactory.instance.objectNode().put("type", "message");
        activity.putArray("attachments").addObject().put("contentType", AdaptiveCards.CONTENT_TYPE)
                .set("content", rendered.card());
        Posted posted = send(place, activity);
        return new ReportPosted(posted, rendered.withChart() ? posted
                : new Posted.Undelivered("the chart is larger than Teams takes in a card"));
    }

    @Override
    public Duration placeholderAfter() {
        return Duration.ofSeconds(PLACEHOLDER_SECONDS);
    }

    @Override
    public Posted tell(Place place, String user, ChatText text) {
        List<ChatText.Part> parts = new ArrayList<>(List.of(new ChatText.Mention(user), new ChatText.Plain(" ")));
        parts.addAll(text.parts());
        return send(place, message(TeamsText.xml(new ChatText(parts), people)));
    }

    Posted typing(Place place) {
        return send(new Place(place.platform(), place.workspace(), place.channel(), null),
                JsonNodeFactory.instance.objectNode().put("type", "typing"));
    }

    private static ObjectNode message(TeamsText.Rendered rendered) {
        ObjectNode activity = JsonNodeFactory.instance.objectNode().put("type", "message").put("textFormat", "xml")
                .put("text", rendered.text());
        if (!rendered.entities().isEmpty()) {
            activity.putArray("entities").addAll(rendered.entities());
        }
        return activity;
    }

    private Posted send(Place place, ObjectNode activity) {
        var serviceUrl = serviceUrls.of(place.workspace(), place.channel());
        if (serviceUrl.isEmpty()) {
            return new Posted.Undelivered("no verified serviceUrl for this conversation");
        }
        return connector.send(serviceUrl.get(), place.channel(), place.thread(), activity);
    }
}
