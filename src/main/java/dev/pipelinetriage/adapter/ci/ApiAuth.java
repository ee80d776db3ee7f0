package dev.pipelinetriage.adapter.ci;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The header that carries an instance's credential. The value is read through a supplier on every request
 * (so a rotated token file takes effect) and never printed.
 *
 * @param refresh reads the credential again now, answering whether it changed: after a 401 the request is sent once
 *     more with the new value (a token rotated just before it expired), never with the same one
 */
public record ApiAuth(String header, Supplier<String> value, BooleanSupplier refresh) {

    public ApiAuth {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(refresh, "refresh");
    }

    /** A credential that is never read again after a 401. */
    public ApiAuth(String header, Supplier<String> value) {
        this(header, value, () -> false);
    }

    public static ApiAuth bearer(Supplier<String> token) {
        return bearer(token, () -> false);
    }

    public static ApiAuth bearer(Supplier<String> token, BooleanSupplier refresh) {
        return new ApiAuth("Authorization", () -> "Bearer " + token.get(), refresh);
    }

    public static ApiAuth header(String name, Supplier<String> token) {
        return header(name, token, () -> false);
    }

    public static ApiAuth header(String name, Supplier<String> token, BooleanSupplier refresh) {
        return new ApiAuth(name, token, refresh);
    }

    public static ApiAuth basic(String user, Supplier<String> password) {
        return basic(user, password, () -> false);
    }

    public static ApiAuth basic(String user, Supplier<String> password, BooleanSupplier refresh) {
        return new ApiAuth("Authorization", () -> "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password.get()).getBytes(StandardCharsets.UTF_8)), refresh);
    }

    @Override
    public String toString() {
        return "ApiAuth[" + header + ": ***]";
    }
}
