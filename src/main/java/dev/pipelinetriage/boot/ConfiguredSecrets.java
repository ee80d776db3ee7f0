package dev.pipelinetriage.boot;

import dev.pipelinetriage.boot.config.AppConfig;
import dev.pipelinetriage.boot.config.ConfigException;
import dev.pipelinetriage.boot.config.CredentialSource;
import dev.pipelinetriage.engine.redact.KnownSecrets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every credential the configuration names (CI tokens, chat secrets, the tracker's and the knowledge-base repository's
 * tokens, webhook secrets, the database password), read and handed to redaction, which then hides them by value in
 * whatever leaves the process and in the bot's own logs.
 */
public final class ConfiguredSecrets {

    private ConfiguredSecrets() {
    }

    /**
     * The values of every configured credential. One that cannot be read is left out: the part of the bot that needs
     * it fails on its own, naming its key.
     */
    public static KnownSecrets of(AppConfig config, Map<String, String> env) {
        List<CredentialSource> sources = new ArrayList<>();
        config.ci().instances().forEach(instance -> sources.add(instance.token()));
        config.slackSection().ifPresent(slack -> {
            sources.add(slack.signingSecret());
            sources.add(slack.botToken());
            slack.socketModeToken().ifPresent(sources::add);
        });
        config.teamsSection().ifPresent(teams -> sources.add(teams.appPassword()));
        config.ticketsSection().ifPresent(tickets -> sources.add(tickets.token()));
        config.proposalsSection().ifPresent(proposals -> sources.add(proposals.token()));
        config.webhooksSection().ifPresent(webhooks -> webhooks.sources().forEach(source -> sources.add(source.secret())));
        if (config.store().password() != null) {
            sources.add(config.store().password());
        }
        KnownSecrets known = new KnownSecrets();
        for (CredentialSource source : sources) {
            try {
                known.register(source.read("secret", env));
            } catch (ConfigException e) {
                // said by the part of the bot that needs it
            }
        }
        return known;
    }
}
