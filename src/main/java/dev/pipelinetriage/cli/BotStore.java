package dev.pipelinetriage.cli;

import dev.pipelinetriage.boot.StoreWiring;
import dev.pipelinetriage.boot.config.AppConfig;
import dev.pipelinetriage.boot.config.Config;
import dev.pipelinetriage.boot.config.ConfigException;
import dev.pipelinetriage.boot.config.ConfigLoader;
import dev.pipelinetriage.boot.config.StoreSection;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The store a command reads the bot's records from (the health report, the audit log): the one the configuration names,
 * else the embedded store in {@code ./data} if a bot created one there.
 */
final class BotStore {

    private BotStore() {
    }

    /** What reading the store gave: a value, or the exit status once the reason was said. */
    record Read<T>(T value, int status) {
        boolean ok() {
            return value != null;
        }
    }

    /**
     * Reads the bot's store with {@code reader}. Exit statuses when it cannot: 2 no store or an invalid configuration,
     * 5 the store could not be read; the reason is said on {@code err}.
     */
    static <T> Read<T> read(Path config, Map<String, String> env, String command, String nothing, PrintWriter err,
            Function<StoreSection, T> reader) {
        try {
            Optional<StoreSection> store = locate(config, env, command, nothing, err);
            return store.isEmpty() ? new Read<>(null, 2) : new Read<>(reader.apply(store.get()), 0);
        } catch (ConfigException e) {
            err.println("invalid configuration: " + e.getMessage());
            err.flush();
            return new Read<>(null, 2);
        } catch (RuntimeException e) {
            err.println("cannot read the store: " + e.getMessage());
            err.flush();
            return new Read<>(null, 5);
        }
    }

    /**
     * The store to read, or empty (having said why on {@code err}) when there is none: an embedded store that does not
     * exist yet holds nothing, and reading it would create an empty database wherever the command runs.
     *
     * @param command the command's name, for the message without a configuration
     * @param nothing what the message says when the configured embedded store does not exist yet ("nothing to report")
     * @throws ConfigException when the configuration file is invalid
     */
    private static Optional<StoreSection> locate(Path config, Map<String, String> env, String command, String nothing,
            PrintWriter err) {
        Optional<Path> file = ConfigLoader.locate(Optional.ofNullable(config), env);
        StoreSection store = file.map(path -> Config.load(path, env)).map(AppConfig::store)
                .orElse(new StoreSection(AppConfig.DEFAULT_DATA_DIRECTORY));
        if (StoreWiring.exists(store)) {
            return Optional.of(store);
        }
        err.println(file.isPresent()
                ? nothing + ": the embedded store in " + store.directory().toAbsolutePath().normalize()
                        + " does not exist yet (serve creates it on its first start)"
                : command + " reads the bot's store: pass --config FILE (or set " + ConfigLoader.ENV_VAR
                        + ") naming it; without one it reads ./data, and there is no bot's store in "
                        + store.directory().toAbsolutePath().normalize());
        err.flush();
        return Optional.empty();
    }
}
