package dev.pipelinetriage.boot.config;

/** Invalid configuration, found at start-up; the message names the key and the problem, never a secret. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String key, String problem) {
        super(key + ": " + problem);
    }

    public ConfigException(String message) {
        super(message);
    }
}
