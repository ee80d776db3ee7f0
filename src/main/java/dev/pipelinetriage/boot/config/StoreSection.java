package dev.pipelinetriage.boot.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The {@code store:} section: the embedded H2 file under {@code directory} (one replica), or a shared PostgreSQL
 * database (any number of replicas).
 *
 * @param directory the embedded store's data directory (embedded only)
 * @param url {@code jdbc:postgresql://...} (postgres only), without credentials
 * @param password from the environment or a file (postgres only)
 * @param maxConnections connections per replica (postgres only)
 */
public record StoreSection(Type type, Path directory, String url, String user, CredentialSource password,
        int maxConnections) {

    public enum Type {
        EMBEDDED, POSTGRES
    }

    public StoreSection {
        Objects.requireNonNull(type, "type");
        switch (type) {
            case EMBEDDED -> Objects.requireNonNull(directory, "directory");
            case POSTGRES -> {
                Objects.requireNonNull(url, "url");
                Objects.requireNonNull(user, "user");
                Objects.requireNonNull(password, "password");
            }
        }
    }

    public StoreSection(Path directory) {
        this(Type.EMBEDDED, directory, null, null, null, 0);
    }
}
