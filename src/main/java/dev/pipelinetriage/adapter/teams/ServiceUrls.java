package dev.pipelinetriage.adapter.teams;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;

/**
 * Where each conversation's Bot Connector is, learned only from activities whose token bound the {@code serviceurl}
 * claim to the activity. Nothing else (no stored card, no form data) can point the bot -- and its token -- at a
 * URL. Every button press is itself a verified activity from the conversation, so the entry is fresh whenever
 * the bot acts; after a restart the next activity brings it back. A conversation not heard from since the start
 * (a CI webhook's card) goes to the operator's configured proactive connector, when there is one: Microsoft
 * publishes one per cloud for exactly this case, and a learned URL always wins over it.
 */
final class ServiceUrls {
    private final Optional<String> proactive;
    private final Cache<String, String> byConversation = Caffeine.newBuilder().maximumSize(50_000)
            .expireAfterAccess(Duration.ofDays(7)).build();

    /** @param proactive the configured proactive Bot Connector URL, or null */
    ServiceUrls(String proactive) {
        this.proactive = Optional.ofNullable(proactive);
    }

    void verified(String tenant, String conversationId, String serviceUrl) {
        byConversation.put(key(tenant, conversationId), serviceUrl);
    }

    Optional<String> of(String tenant, String conversationId) {
        return Optional.ofNullable(byConversation.getIfPresent(key(tenant, conversationId))).or(() -> proactive);
    }

    private static String key(String tenant, String conversationId) {
        return tenant + "|" + conversationId;
    }
}
