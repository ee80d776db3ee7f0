package dev.pipelinetriage.adapter.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The embedded store is one process's: a second process (a second replica started on the same volume, say) is
 * refused with a message that names the directory and says what to use instead, and nothing it holds is touched.
 */
class EmbeddedStoreInUseTest {

    @Test
    void aSecondProcessOnTheSameDirectoryIsRefusedAndToldToUsePostgresql() throws Exception {
        Path directory = Files.createTempDirectory("store-in-use-");
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), HoldEmbeddedStore.class.getName(), directory.toString())
                .redirectErrorStream(true).start();
        try {
            var said = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertThat(said.readLine()).isEqualTo("open");

            assertThatThrownBy(() -> EmbeddedStore.open(directory)).isInstanceOf(StoreException.class)
                    .hasMessageContaining(directory.toString())
                    .hasMessageContaining("is another process using it? Several replicas need the PostgreSQL store");
        } finally {
            holder.getOutputStream().close();
            assertThat(holder.waitFor(30, TimeUnit.SECONDS)).as("the holder closed the store").isTrue();
        }
        try (EmbeddedStore again = EmbeddedStore.open(directory)) {
            assertThat(again.stateStore()).as("the store opens once the other process is gone").isNotNull();
        }
    }
}
