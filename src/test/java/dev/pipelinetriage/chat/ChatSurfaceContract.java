package dev.pipelinetriage.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ChatSurface} promises, checked against each platform's WireMock fake serving its documented
 * answers (each subclass names them): a message is posted once in its thread; a card is posted, or replaces the
 * message it names without a new post; a word for one user reaches them; what the platform refuses is
 * {@link Posted.Undelivered} with a reason and never the credential, never an exception. One fake per class.
 */
public abstract class ChatSurfaceContract {

    /** The kinds of call a platform receives. */
    protected enum Call {
        /** A new message or card. */
        POST,
        /** A message replaced in place. */
        UPDATE,
        /** A word for one user (Slack: ephemeral; Teams: a reply that mentions them). */
        TELL
    }

    /** The surface under test, posting to the class's fake. */
    protected abstract ChatSurface surface();

    /** A thread of a channel the bot may post in. */
    protected abstract Place place();

    /** A user of that channel, as the platform names them. */
    protected abstract String user();

    /** The credential the surface sends, which no reason may contain. */
    protected abstract String token();

    /** Serves the platform's documented success for new posts; returns the id it gives the message. */
    protected abstract String acceptPosts();

    /** Serves the documented success for updates and for a word to one user. */
    protected abstract void acceptUpdatesAndTells();

    /** Serves the platform's documented refusal of a new post. */
    protected abstract void refusePosts();

    /** Serves the platform's documented refusal of an update. */
    protected abstract void refuseUpdates();

    /** The bodies of the calls of {@code kind} the fake received, decoded to readable text. */
    protected abstract List<String> sent(Call kind);

    @Test
    void aMessageIsPostedOnceInItsThread() {
        String id = acceptPosts();

        Posted posted = surface().post(place(), ChatText.of("Looking at run 30433642..."));

        assertThat(posted).isEqualTo(new Posted.Delivered(id));
        assertThat(sent(Call.POST)).singleElement().asString().contains("Looking at run 30433642").contains(place().thread());
    }

    @Test
    void aNewCardIsPostedAsANewMessage() {
        String id = acceptPosts();

        Posted posted = surface().showCard(place(), null, CardVariants.triaged());

        assertThat(posted).isEqualTo(new Posted.Delivered(id));
        assertThat(sent(Call.POST)).singleElement().asString().contains("octo-org/octo-repo");
        assertThat(sent(Call.UPDATE)).isEmpty();
    }

    @Test
    void aCardReplacesTheMessageItNamesWithoutANewPost() {
        acceptPosts();
        acceptUpdatesAndTells();

        Posted posted = surface().showCard(place(), "1503435956.000247", CardVariants.triaged());

        assertThat(posted).isEqualTo(new Posted.Delivered("1503435956.000247"));
        assertThat(sent(Call.UPDATE)).singleElement().asString().contains("1503435956.000247").contains("octo-org/octo-repo");
        assertThat(sent(Call.POST)).isEmpty();
    }

    @Test
    void aWordForOneUserReachesThem() {
        acceptPosts();
        acceptUpdatesAndTells();

        Posted posted = surface().tell(place(), user(), ChatText.of("Only on-call engineers may rerun jobs."));

        assertThat(posted).isInstanceOf(Posted.Delivered.class);
        assertThat(sent(Call.TELL)).singleElement().asString().contains("Only on-call engineers may rerun jobs.");
    }

    @Test
    void aRefusedPostIsUndeliveredWithAReason() {
        refusePosts();

        Posted text = surface().post(place(), ChatText.of("Looking at run 30433642..."));
        Posted card = surface().showCard(place(), null, CardVariants.triaged());

        for (Posted posted : List.of(text, card)) {
            assertThat(posted).isInstanceOfSatisfying(Posted.Undelivered.class,
                    u -> assertThat(u.reason()).isNotBlank().doesNotContain(token()));
        }
    }

    @Test
    void aRefusedUpdateIsUndeliveredWithAReason() {
        refuseUpdates();

        Posted posted = surface().showCard(place(), "1503435956.000247", CardVariants.triaged());

        assertThat(posted).isInstanceOfSatisfying(Posted.Undelivered.class,
                u -> assertThat(u.reason()).isNotBlank().doesNotContain(token()));
    }
}
