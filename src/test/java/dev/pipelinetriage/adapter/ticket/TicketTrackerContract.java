package dev.pipelinetriage.adapter.ticket;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.pipelinetriage.app.port.TicketDocument;
import dev.pipelinetriage.app.port.TicketRef;
import dev.pipelinetriage.app.port.TicketTracker;
import dev.pipelinetriage.app.port.TrackerResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every {@link TicketTracker} promises, checked against each tracker's WireMock fake serving its documented
 * shapes (each subclass names them): a ticket is created, found by its label, told open from closed, commented on and
 * reopened; every failure of a write is the same {@link TrackerResult.Problem} whichever tracker answered, with the
 * tracker's wait on 429 and never the credential in its message. One fake per class ({@code ClassServer}).
 */
public abstract class TicketTrackerContract {

    /** The class's fake, reset before each test. */
    protected abstract WireMockServer api();

    /** The tracker under test, calling {@link #api()} with {@link #token()}. */
    protected abstract TicketTracker tracker();

    /** The same tracker at {@code base}. */
    protected abstract TicketTracker trackerAt(URI base);

    /** The credential the tracker sends, which no message may contain. */
    protected abstract String token();

    /** An existing ticket of the configured project or repository. */
    protected abstract TicketRef existing();

    /** The create request. */
    protected abstract MappingBuilder createRequest();

    /** Serves a created ticket's documented answer; returns the ticket the tracker should report. */
    protected abstract TicketRef stubCreated();

    /** Serves a search by label finding one ticket; returns it. */
    protected abstract TicketRef stubFoundByLabel(String label);

    /** Serves {@link #existing()} as open or closed. */
    protected abstract void stubState(boolean open);

    protected abstract void stubCommented();

    protected abstract void stubReopened();

    @Test
    void aCreatedTicketIsNamedWithItsLink() {
        TicketRef expected = stubCreated();

        var created = tracker().create(TicketFixtures.draft());

        assertThat(created).isEqualTo(new TrackerResult.Ok<>(expected));
        assertThat(expected.url()).startsWith("http");
    }

    @Test
    void aTicketIsFoundByItsSignatureLabel() {
        TicketRef expected = stubFoundByLabel("triage-ke-dns-resolution-failure");

        assertThat(tracker().findByLabel("triage-ke-dns-resolution-failure")).isEqualTo(new TrackerResult.Ok<>(List.of(expected)));
    }

    @Test
    void anOpenTicketIsOpenAndAClosedOneIsNot() {
        stubState(true);
        assertThat(tracker().isOpen(existing())).isEqualTo(new TrackerResult.Ok<>(true));

        api().resetAll();
        stubState(false);
        assertThat(tracker().isOpen(existing())).isEqualTo(new TrackerResult.Ok<>(false));
    }

    @Test
    void aCommentIsAddedToTheTicket() {
        stubCommented();

        var commented = tracker().comment(existing(), new TicketDocument(List.of(new TicketDocument.Paragraph("Seen 9 times."))));

        assertThat(commented).isInstanceOfSatisfying(TrackerResult.Ok.class,
                ok -> assertThat(((TicketRef) ok.value()).key()).isEqualTo(existing().key()));
    }

    @Test
    void aClosedTicketIsReopened() {
        stubReopened();

        assertThat(tracker().reopen(existing())).isInstanceOf(TrackerResult.Ok.class);
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {400, 401, 403, 404, 422, 429, 500, 502, 503})
    void aRefusedCreateIsTheSameProblemOnEveryTracker(int status) {
        ResponseDefinitionBuilder answer = aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"refused\",\"errorMessages\":[\"refused\"]}");
        if (status == 429) {
            answer.withHeader("Retry-After", "17");
        }
        api().stubFor(createRequest().willReturn(answer));

        var created = tracker().create(TicketFixtures.draft());

        TrackerResult.Problem expected = switch (status) {
            case 401 -> TrackerResult.Problem.UNAUTHORIZED;
            case 403 -> TrackerResult.Problem.FORBIDDEN;
            case 429 -> TrackerResult.Problem.RATE_LIMITED;
            case 500, 502, 503 -> TrackerResult.Problem.SERVER_ERROR;
            default -> TrackerResult.Problem.REJECTED;
        };
        assertThat(created).isInstanceOfSatisfying(TrackerResult.Failed.class, failed -> {
            assertThat(failed.problem()).isEqualTo(expected);
            assertThat(failed.message()).contains(String.valueOf(status)).doesNotContain(token());
            if (status == 429) {
                assertThat(failed.retryAfter()).isEqualTo(Duration.ofSeconds(17));
            }
        });
    }

    @Test
    void aTrackerThatDoesNotAnswerIsUnreachable() {
        var created = trackerAt(URI.create("http://127.0.0.1:" + closedPort())).create(TicketFixtures.draft());

        assertThat(created).isInstanceOfSatisfying(TrackerResult.Failed.class,
                failed -> assertThat(failed.problem()).isEqualTo(TrackerResult.Problem.UNREACHABLE));
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
