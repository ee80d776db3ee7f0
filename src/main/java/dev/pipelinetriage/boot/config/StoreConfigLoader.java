package dev.pipelinetriage.boot.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/** The {@code store:} section: the embedded store's directory, or the PostgreSQL server replicas share. */
final class StoreConfigLoader {

    private StoreConfigLoader() {
    }

    static StoreSection store(JsonNode store) {
        if (store == null || store.isNull()) {
            return new StoreSection(AppConfig.DEFAULT_DATA_DIRECTORY);
        }
        if (!store.isObject()) {
            throw new ConfigException("store", "must be a mapping with type (embedded or postgres)");
        }
        if (store.has("kind") && store.has("type")) {
            throw new ConfigException("store.kind", "give type (kind is its older spelling), not both");
        }
        String typeKey = store.has("kind") ? "kind" : "type";
        String type = ConfigLoader.text(store, "store", typeKey, false);
        if (type == null || type.equals("embedded")) {
            ConfigLoader.rejectUnknown(store, "store", Set.of(typeKey, "directory"));
            String directory = ConfigLoader.text(store, "store", "directory", false);
            return new StoreSection(directory == null ? AppConfig.DEFAULT_DATA_DIRECTORY : Path.of(directory));
        }
        if (!type.equals("postgres")) {
            throw new ConfigException("store." + typeKey, "must be embedded or postgres, got '" + ConfigLoader.abbreviate(type) + "'");
        }
        ConfigLoader.rejectUnknown(store, "store", Set.of(typeKey, "url", "user", "password", "maxConnections"));
        String url = ConfigLoader.text(store, "store", "url", true);
        if (!url.matches("jdbc:postgresql://[^\\s@]+")) {
            throw new ConfigException("store.url", "must be jdbc:postgresql://HOST[:PORT]/DATABASE without credentials, got '"
                    + ConfigLoader.abbreviate(url.replaceAll("(?i)password=[^&]*", "password=***")) + "'");
        }
        if (url.toLowerCase(Locale.ROOT).contains("password=")) {
            throw new ConfigException("store.url", "must not contain the password; use store.password {env: ...}");
        }
        String user = ConfigLoader.text(store, "store", "user", true);
        CredentialSource password = ConfigLoader.token(store.get("password"), "store.password");
        int connections = (int) ConfigLoader.integer(store, "store", "maxConnections", 10, 1, 200);
        return new StoreSection(StoreSection.Type.POSTGRES, null, url, user, password, connections);
    }
}
