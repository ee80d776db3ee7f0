package dev.pipelinetriage.adapter.ticket;

import dev.pipelinetriage.app.port.TicketDocument;
import dev.pipelinetriage.app.port.TicketDraft;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The documented samples and one small ticket whose exact rendering the adapter tests pin. */
public final class TicketFixtures {
    private TicketFixtures() {
    }

    public static String fixture(String path) {
        try (InputStream in = TicketFixtures.class.getResourceAsStream("/fixtures/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static TicketDocument body() {
        return new TicketDocument(List.of(
                new TicketDocument.Paragraph("Seen 3 times in 7 days."),
                new TicketDocument.Heading("Affected repositories"),
                new TicketDocument.Bullets(List.of("o/a", "o/b")),
                new TicketDocument.Links(List.of(new TicketDocument.Link("Runbook", "https://kb.example/dns.md"))),
                new TicketDocument.Code(List.of("ERROR [x] *bold* {noformat} @here ``` #12"))));
    }

    public static TicketDraft draft() {
        return new TicketDraft("Recurring CI failure (platform): DNS lookup failed",
                List.of("triage-ke-dns-resolution-failure"), body());
    }
}
