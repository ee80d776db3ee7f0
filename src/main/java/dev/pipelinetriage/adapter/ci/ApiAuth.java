package dev.pipelinetriage.adapter.ci;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The header that carries an instance's credential. The value is read through a supplier on every request
 * (so a rotated token file takes effect) and never printed.
 */
public record ApiAuth(String header, Supplier<String> value) {

    public ApiAuth {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(value, "value");
    }

    public static ApiAuth bearer(Supplier<String> token) {
        return new ApiAuth("Authorization", () -> "Bearer " + token.get());
    }

    public static ApiAuth header(String name, Supplier<String> token) {
        return new ApiAuth(name, token);
    }

    public static ApiAuth basic(String user, Supplier<String> password) {
        return new ApiAuth("Authorization", () -> "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password.get()).getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public String toString() {
        return "ApiAuth[" + header + ": ***]";
    }
}
