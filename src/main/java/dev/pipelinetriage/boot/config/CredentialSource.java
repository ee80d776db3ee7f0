package dev.pipelinetriage.boot.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/** Where a token comes from: an environment variable or a file. Never the configuration file itself. */
public sealed interface CredentialSource {

    /** Reads the secret now, or fails naming {@code key} and the variable or file (never the value). */
    String read(String key, Map<String, String> env);

    record FromEnv(String variable) implements CredentialSource {
        public FromEnv {
            Objects.requireNonNull(variable, "variable");
        }

        @Override
        public String read(String key, Map<String, String> env) {
            String value = env.get(variable);
            if (value == null || value.isBlank()) {
                throw new ConfigException(key + ".env", "environment variable " + variable + " is not set or empty");
            }
            return value.strip();
        }
    }

    record FromFile(Path path) implements CredentialSource {
        public FromFile {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String read(String key, Map<String, String> env) {
            try {
                if (Files.size(path) > 64 * 1024) {
                    throw new ConfigException(key + ".file", "file " + path + " is larger than 64 KiB; is it a token?");
                }
                String value = Files.readString(path, StandardCharsets.UTF_8).strip();
                if (value.isEmpty()) {
                    throw new ConfigException(key + ".file", "file " + path + " is empty");
                }
                return value;
            } catch (IOException e) {
                throw new ConfigException(key + ".file", "cannot read " + path + " (" + e.getClass().getSimpleName() + ")");
            }
        }
    }
}
