package dev.pipelinetriage.adapter.store;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A second process for {@link EmbeddedStoreInUseTest}: opens the embedded store in the directory it is given, says
 * {@code open}, and holds it until its standard input closes.
 */
final class HoldEmbeddedStore {
    private HoldEmbeddedStore() {
    }

    public static void main(String[] args) throws IOException {
        try (EmbeddedStore store = EmbeddedStore.open(Path.of(args[0]))) {
            System.out.println("open");
            System.out.flush();
            System.in.readAllBytes();
        }
    }
}
