package dev.pipelinetriage.adapter.ticket.jira;

import dev.pipelinetriage.app.port.TicketDocument;

/** How a Jira flavour writes rich text: Cloud v3 takes ADF (JSON), Data Center v2 takes wiki markup (a string). */
interface JiraFormat {
    /** The REST API version in paths: {@code 3} or {@code 2}. */
    String apiVersion();

    /** The value of a {@code description} or comment {@code body} field. */
    Object render(TicketDocument document);

    /** The search resource: {@code search/jql} (Cloud) or {@code search} (Data Center). */
    String searchPath();
}
