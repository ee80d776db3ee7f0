package dev.pipelinetriage.adapter.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipelinetriage.app.port.AuditLog;
import dev.pipelinetriage.app.port.AwaitedRerun;
import dev.pipelinetriage.domain.CiKind;
import dev.pipelinetriage.domain.RunRef;
import dev.pipelinetriage.app.port.StateStore;
import dev.pipelinetriage.app.port.StateStoreContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The H2 store in a fresh directory under target/tmp, against the shared contract. */
class EmbeddedStoreTest extends StateStoreContract {
    private Path directory;
    private EmbeddedStore embedded;

    @BeforeEach
    void open() throws IOException {
        directory = Files.createTempDirectory("store-");
        embedded = EmbeddedStore.open(directory);
    }

    @AfterEach
    void close() {
        embedded.close();
    }

    @Override
    protected StateStore store() {
        return embedded.stateStore();
    }

    @Override
    protected AuditLog audit() {
        return embedded.auditLog();
    }

    @Test
    void stateSurvivesARestart() {
        store().claimEvent("slack:Ev1", NOW, Duration.ofHours(26));
        embedded.close();

        embedded = EmbeddedStore.open(directory);

        assertThat(store().claimEvent("slack:Ev1", NOW, Duration.ofHours(26))).isFalse();
    }

    @Test
    void failuresAwaitedLongerThanAnyFlakyWindowAreForgottenAsNewOnesArrive() {
        RunRef old = new RunRef("github", CiKind.GITHUB, "o/r", "1", 1);
        store().awaitRerun(new AwaitedRerun(old, "test", "fp-0123456789abcdef", "card-old",
                NOW.minus(RerunOutcomeTable.RETENTION).minus(Duration.ofDays(1))));
        for (int run = 2; run <= 500; run++) {
            store().awaitRerun(new AwaitedRerun(old.withRunId(run), "test", "fp-0123456789abcdef", "card-" + run, NOW));
        }

        assertThat(store().awaiting(old.withAttempt(2))).isEmpty();
        assertThat(store().awaiting(old.withRunId(2).withAttempt(2))).hasSize(1);
    }

    @Test
    void theSchemaIsCreatedInTheDataDirectory() {
        assertThat(directory.resolve(EmbeddedStore.FILE_NAME + ".mv.db")).exists();
    }

    @Test
    void aStoreThatCannotBeOpenedNamesItsDirectory() throws IOException {
        Path file = Files.createTempFile("not-a-directory", ".txt");

        assertThatThrownBy(() -> EmbeddedStore.open(file)).hasMessageContaining(file.toString());
    }
}
