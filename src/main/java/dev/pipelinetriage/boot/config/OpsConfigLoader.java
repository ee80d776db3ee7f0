package dev.pipelinetriage.boot.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.pipelinetriage.app.WebhookRoutes;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code ops:} section of the configuration file (the main loader leaves unknown top-level sections
 * to their owners). Unknown keys are rejected, like everywhere else in the file.
 */
public final class OpsConfigLoader {
    private static final Set<String> KEYS = Set.of("knowledgeBase", "watchKnowledgeBase", "shutdownGraceSeconds", "digest",
            "workLeaseSeconds", "workSweepSeconds");
    private static final Set<String> DIGEST_KEYS = Set.of("platform", "channel", "day", "time");

    private OpsConfigLoader() {
    }

    public static OpsSection parse(String yaml, Map<String, String> env) {
        return section(ConfigLoader.root(yaml), env);
    }

    /** The {@code ops:} section of a parsed file, with {@value OpsSection#KNOWLEDGE_BASE_ENV} as its fallback. */
    static OpsSection section(JsonNode root, Map<String, String> env) {
        JsonNode ops = root == null ? null : root.get("ops");
        OpsSection defaults = OpsSection.defaults();
        Path fromEnv = env.getOrDefault(OpsSection.KNOWLEDGE_BASE_ENV, "").isBlank() ? null
                : Path.of(env.get(OpsSection.KNOWLEDGE_BASE_ENV).strip());
        if (ops == null || ops.isNull()) {
            return new OpsSection(fromEnv, defaults.watchKnowledgeBase(), defaults.shutdownGrace(), null);
        }
        if (!ops.isObject()) {
            throw new ConfigException("ops", "must be a mapping");
        }
        ConfigLoader.rejectUnknown(ops, "ops", KEYS);
        Path kb = ops.hasNonNull("knowledgeBase") ? Path.of(text(ops, "ops.knowledgeBase")) : fromEnv;
        boolean watch = ConfigLoader.flag(ops, "ops", "watchKnowledgeBase", defaults.watchKnowledgeBase());
        Duration grace = defaults.shutdownGrace();
        if (ops.hasNonNull("shutdownGraceSeconds")) {
            JsonNode v = ops.get("shutdownGraceSeconds");
            if (!v.isIntegralNumber() || v.asLong() < 1 || v.asLong() > 600) {
                throw new ConfigException("ops.shutdownGraceSeconds", "must be a whole number in 1..600, got '" + v.asText() + "'");
            }
            grace = Duration.ofSeconds(v.asLong());
        }
        long lease = ConfigLoader.integer(ops, "ops", "workLeaseSeconds", OpsSection.DEFAULT_WORK_LEASE.toSeconds(), 10, 3600);
        long sweep = ConfigLoader.integer(ops, "ops", "workSweepSeconds", OpsSection.DEFAULT_WORK_SWEEP.toSeconds(), 1, 600);
        if (sweep >= lease) {
            throw new ConfigException("ops.workSweepSeconds", "must be shorter than ops.workLeaseSeconds (" + lease
                    + "), or an instance's leases run out between two renewals, got " + sweep);
        }
        return new OpsSection(kb, watch, grace, ops.hasNonNull("digest") ? digest(ops.get("digest")) : null,
                Duration.ofSeconds(lease), Duration.ofSeconds(sweep));
    }

    private static OpsSection.Digest digest(JsonNode digest) {
        if (!digest.isObject()) {
            throw new ConfigException("ops.digest", "must be a mapping with channel, day and time");
        }
        ConfigLoader.rejectUnknown(digest, "ops.digest", DIGEST_KEYS);
        String platform = digest.hasNonNull("platform") ? text(digest, "ops.digest.platform") : "slack";
        if (!platform.equals("slack") && !platform.equals("teams")) {
            throw new ConfigException("ops.digest.platform", "must be slack or teams, got '" + platform + "'");
        }
        String channel = text(digest, "ops.digest.channel");
        String workspace = "";
        if (platform.equals("teams")) {
            // The same form as a webhook route's Teams channel, after its "teams:" prefix.
            WebhookRoutes.ChatChannel conversation;
            try {
                conversation = WebhooksConfigLoader.channel(TextNode.valueOf("teams:" + channel), "ops.digest.channel");
            } catch (ConfigException e) {
                throw new ConfigException("ops.digest.channel", "for teams must be TENANT_ID:CONVERSATION_ID (like "
                        + "72f988bf-86f1-41af-91ab-2d7cd011db47:19:abc@thread.tacv2), got '" + ConfigLoader.abbreviate(channel)
                        + "'");
            }
            workspace = conversation.workspace();
            channel = conversation.channel();
        }
        DayOfWeek day;
        try {
            day = digest.hasNonNull("day") ? DayOfWeek.valueOf(text(digest, "ops.digest.day").toUpperCase(Locale.ROOT))
                    : DayOfWeek.MONDAY;
        } catch (IllegalArgumentException e) {
            throw new ConfigException("ops.digest.day", "must be a day of the week like monday");
        }
        LocalTime time;
        try {
            time = digest.hasNonNull("time") ? LocalTime.parse(text(digest, "ops.digest.time")) : LocalTime.of(9, 0);
        } catch (DateTimeException e) {
            throw new ConfigException("ops.digest.time", "must be a UTC time of day like \"09:00\"");
        }
        return new OpsSection.Digest(platform, workspace, channel, day, time);
    }

    private static String text(JsonNode node, String key) {
        String field = key.substring(key.lastIndexOf('.') + 1);
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new ConfigException(key, "must be a non-empty string");
        }
        return v.asText().strip();
    }

}
