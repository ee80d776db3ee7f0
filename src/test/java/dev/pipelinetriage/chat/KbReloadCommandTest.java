package dev.pipelinetriage.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelinetriage.TestKnowledgeBase;
import dev.pipelinetriage.app.KnowledgeBaseReload;
import dev.pipelinetriage.app.port.Actor;
import dev.pipelinetriage.app.port.InMemoryTriageHistory;
import dev.pipelinetriage.app.port.TriageMetrics;
import dev.pipelinetriage.boot.Bootstrap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kb reload} from chat: authorized, audited, and honest about a refusal. */
class KbReloadCommandTest {
    private final ChatTestKit kit = new ChatTestKit();
    private final RecordingSurface surface = new RecordingSurface();
    private final Place thread = new Place("slack", "T1", "C1", "1700000000.000100");
    @TempDir
    Path dir;
    private Path kb;
    private TriageConversation conversation;
    private KnowledgeBaseReload reload;

    @BeforeEach
    void start() throws Exception {
        kb = TestKnowledgeBase.copyEntriesInto(dir, "address-already-in-use", "connection-reset", "go-test-failure");
        reload = new KnowledgeBaseReload(() -> Bootstrap.knowledgeBase(Optional.of(kb)), Bootstrap.knowledgeBaseCheck(),
                Bootstrap::triageService, TriageMetrics.none(), kit.clock);
        conversation = kit.conversation(kit.ci, TriageMetrics.none(), new InMemoryTriageHistory(),
                List.of(new KbReloadCommand(reload, kit.authorizer, kit.audit, kit.clock)));
    }

    @AfterEach
    void stop() {
        kit.close();
    }

    private String ask(String user, Inbound.Trigger trigger, String text) {
        var reception = conversation.onMessage(new Inbound(trigger, null, thread, new Actor("slack", "T1", user, false),
                text), surface);
        kit.workers.shutdown(60);
        assertThat(reception).isEqualTo(new TriageConversation.Accepted(0));
        return surface.posts.getLast().text();
    }

    @Test
    void anOnCallUserReloadsTheKnowledgeBase() {
        String answer = ask("U_ONCALL", Inbound.Trigger.COMMAND, "kb reload");

        assertThat(answer).startsWith("Knowledge base reloaded:").contains("known errors");
        assertThat(kit.audit.latest(2)).extracting(e -> e.outcome()).containsExactlyInAnyOrder("requested", "reloaded");
        assertThat(kit.audit.latest(1)).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("kb-reload");
            assertThat(e.outcome()).isEqualTo("reloaded");
            assertThat(e.user()).isEqualTo("U_ONCALL");
        });
    }

    @Test
    void whenTheAuditLogIsDownTheKnowledgeBaseIsNotReloaded() throws Exception {
        Files.delete(kb.resolve("connection-reset.yaml"));
        kit.audit.failing(true);

        String answer = ask("U_ONCALL", Inbound.Trigger.COMMAND, "kb reload");

        assertThat(answer).isEqualTo("Not reloaded: the audit log is unavailable, so the bot changes nothing now; try again later.");
        assertThat(reload.serving().number()).isEqualTo(1);
        assertThat(reload.serving().knownErrors()).hasSize(3);
    }

    @Test
    void anyoneElseIsDeniedAndTheDenialIsAudited() {
        String answer = ask("U_DEV", Inbound.Trigger.MENTION, "<@UBOT> kb reload");

        assertThat(answer).isEqualTo("Not reloaded: Only on-call engineers may rerun.");
        assertThat(kit.audit.latest(1)).singleElement().satisfies(e -> assertThat(e.outcome()).isEqualTo("denied"));
    }

    @Test
    void aBrokenKnowledgeBaseIsRefusedWithTheFirstReason() throws Exception {
        Files.writeString(kb.resolve("half-written.yaml"), "id: half-written\n");

        String answer = ask("U_ONCALL", Inbound.Trigger.COMMAND, "kb reload");

        assertThat(answer).startsWith("Knowledge base reload refused").contains("keeps serving")
                .contains("half-written.yaml");
    }

    @Test
    void aPassingMessageSayingKbReloadIsNotACommand() {
        var reception = conversation.onMessage(new Inbound(Inbound.Trigger.MESSAGE, "Ev9", thread,
                new Actor("slack", "T1", "U_ONCALL", false), "kb reload"), surface);

        assertThat(reception).isInstanceOf(TriageConversation.Ignored.class);
    }
}
