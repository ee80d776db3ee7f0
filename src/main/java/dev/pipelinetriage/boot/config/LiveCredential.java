package dev.pipelinetriage.boot.config;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A credential read when the bot starts and read again from its file every {@link #CHECK_EVERY} while it is used, so a
 * token that a sidecar rotates (a GitHub App installation token lives an hour) takes effect without a restart. While
 * the file cannot be read (half written, briefly missing, empty), the last good value is used. A credential from an
 * environment variable cannot change and is read once.
 *
 * <p>Thread-safe: requests on many threads ask for the value.
 */
public final class LiveCredential implements Supplier<String> {
    private static final Logger LOG = LoggerFactory.getLogger(LiveCredential.class);
    static final Duration CHECK_EVERY = Duration.ofSeconds(5);

    private record Version(String value, Instant read) {
    }

    private final CredentialSource source;
    private final String key;
    private final Map<String, String> env;
    private final Clock clock;
    private final Consumer<String> onNewValue;
    private volatile Version current;

    /**
     * Reads the credential now: a missing one fails at start, naming {@code key}.
     *
     * @param onNewValue told every new value, the first one too (redaction hides it from then on)
     */
    public LiveCredential(CredentialSource source, String key, Map<String, String> env, Clock clock,
            Consumer<String> onNewValue) {
        this.source = Objects.requireNonNull(source, "source");
        this.key = Objects.requireNonNull(key, "key");
        this.env = Objects.requireNonNull(env, "env");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.onNewValue = Objects.requireNonNull(onNewValue, "onNewValue");
        String value = source.read(key, env);
        onNewValue.accept(value);
        this.current = new Version(value, clock.instant());
    }

    /**
     * Reads the file again now, whenever it was last read (the CI rejected the token in use: a rotated one may be
     * waiting); whether the token changed. A token from a variable never changes.
     */
    public boolean refresh() {
        if (!(source instanceof CredentialSource.FromFile)) {
            return false;
        }
        String before;
        synchronized (this) {
            before = current.value();
            current = new Version(before, Instant.MIN);
        }
        return !get().equals(before);
    }

    @Override
    public String get() {
        Version seen = current;
        if (!(source instanceof CredentialSource.FromFile) || clock.instant().isBefore(seen.read().plus(CHECK_EVERY))) {
            return seen.value();
        }
        synchronized (this) {
            seen = current;
            Instant now = clock.instant();
            if (now.isBefore(seen.read().plus(CHECK_EVERY))) {
                return seen.value();
            }
            String value;
            try {
                value = source.read(key, env);
            } catch (ConfigException e) {
                LOG.warn("{}: the token file cannot be read now ({}); still using the token read before", key,
                        e.getMessage());
                value = seen.value();
            }
            if (!value.equals(seen.value())) {
                onNewValue.accept(value);
                LOG.info("{}: the token file changed; using the new token", key);
            }
            current = new Version(value, now);
            return value;
        }
    }
}
