package dev.pipelinetriage.engine.redact;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What one command line tool takes a secret in: options with a value ({@code -p X}, {@code --password=X},
 * {@code -pX} glued), and positional arguments. The inventory is {@link #COMMON}; {@link CommandLines} reads
 * command lines with it.
 *
 * @param names the program names ({@code mongosh}, {@code mongo}), matched against a word's base name
 * @param subcommand a word that must follow for the options to mean a secret ({@code login} for {@code docker}), or
 *     null
 * @param longOptions options spelled out, with their value separate or after {@code =} ({@code -storepass},
 *     {@code --api-key}); single-dash long options too
 * @param shortOptions one-letter options, with what they take; a value may be glued on ({@code -pSECRET})
 * @param clusterable letters a cluster may hold before the secret's letter ({@code -fsSu user:pw}); null when the
 *     tool's short options do not cluster the way curl's do
 * @param positional which positional argument after the subcommand is a secret, or -1
 * @param value how the secret sits in the value
 */
record CommandOptions(Set<String> names, String subcommand, Set<String> longOptions, Map<Character, Glue> shortOptions,
        String clusterable, int positional, Value value) {

    /** How a one-letter option takes its value. */
    enum Glue {
        /** {@code -p X} or {@code -pX}. */
        SEPARATE_OR_GLUED,
        /** Only {@code -pX}: a bare {@code -p} prompts (mysql). */
        GLUED_ONLY
    }

    /** Where the secret is inside an option's value. */
    enum Value {
        /** The whole value. */
        WHOLE,
        /** After the first colon of {@code user:password}; a value without one holds no password (curl prompts). */
        AFTER_USER,
        /** After {@code pass:} (openssl's {@code -passin pass:X}); {@code env:}, {@code file:} name no secret. */
        AFTER_PASS_PREFIX
    }

    CommandOptions {
        names = Set.copyOf(names);
        longOptions = Set.copyOf(longOptions);
        shortOptions = Map.copyOf(shortOptions);
        Objects.requireNonNull(value, "value");
    }

    private static CommandOptions options(Set<String> names, String subcommand, Set<String> longOptions,
            Map<Character, Glue> shortOptions) {
        return new CommandOptions(names, subcommand, longOptions, shortOptions, null, -1, Value.WHOLE);
    }

    private static final Map<Character, Glue> P = Map.of('p', Glue.SEPARATE_OR_GLUED);

    /** The common CLIs' password and token options. */
    static final List<CommandOptions> COMMON = List.of(
            options(Set.of("docker", "podman", "buildah", "nerdctl", "skopeo", "oras", "crane", "helm", "regctl"),
                    "login", Set.of("--password"), P),
            options(Set.of("az"), "login", Set.of("--password"), P),
            options(Set.of("sshpass"), null, Set.of(), P),
            options(Set.of("keytool", "jarsigner"), null, Set.of("-storepass", "-keypass", "-srcstorepass",
                    "-deststorepass", "-srckeypass", "-destkeypass", "-new"), Map.of()),
            new CommandOptions(Set.of("openssl"), null, Set.of("-passin", "-passout", "-pass", "-password"), Map.of(),
                    null, -1, Value.AFTER_PASS_PREFIX),
            options(Set.of("twine"), null, Set.of("--password"), P),
            options(Set.of("redis-cli", "valkey-cli"), null, Set.of("--pass"), Map.of('a', Glue.SEPARATE_OR_GLUED)),
            options(Set.of("sqlcmd", "bcp"), null, Set.of(), Map.of('P', Glue.SEPARATE_OR_GLUED)),
            options(Set.of("mongosh", "mongo", "mongodump", "mongorestore", "mongoimport", "mongoexport"), null,
                    Set.of("--password"), P),
            options(Set.of("nuget", "dotnet"), null, Set.of("-apikey", "-ApiKey", "--api-key"),
                    Map.of('k', Glue.SEPARATE_OR_GLUED)),
            options(Set.of("mysql", "mysqldump", "mysqladmin", "mariadb", "mariadb-dump"), null, Set.of(),
                    Map.of('p', Glue.GLUED_ONLY)),
            options(Set.of("ldapsearch", "ldapadd", "ldapmodify", "ldapdelete", "ldappasswd"), null, Set.of(),
                    Map.of('w', Glue.SEPARATE_OR_GLUED)),
            options(Set.of("psql", "pg_dump", "createdb"), null, Set.of("--password"), Map.of()),
            new CommandOptions(Set.of("vault", "bao"), "login", Set.of(), Map.of(), null, 0, Value.WHOLE),
            new CommandOptions(Set.of("curl"), null, Set.of("--user", "--proxy-user"),
                    Map.of('u', Glue.SEPARATE_OR_GLUED, 'U', Glue.SEPARATE_OR_GLUED),
                    "fsSLkvilInNqgGjJORMZ0123456", -1, Value.AFTER_USER),
            new CommandOptions(Set.of("http", "https", "xh"), null, Set.of("--auth"),
                    Map.of('a', Glue.SEPARATE_OR_GLUED), null, -1, Value.AFTER_USER),
            new CommandOptions(Set.of("wget"), null, Set.of("--password", "--http-password", "--ftp-password",
                    "--proxy-password"), Map.of(), null, -1, Value.WHOLE));

    boolean named(String program) {
        return names.contains(program);
    }
}
