package dev.pipelinetriage.adapter.teams;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;

/**
 * Where each conversation's Bot Connector is, learned only from activities whose token bound the {@code serviceurl}
 * claim to the activity. Nothing else (no stored card, no form data) can point the bot -- and its token -- at a
 * URL. Every button press is itself a verified activity from the conversation, so the entry is fresh whenever
 * the bot acts; after a restart the next activity brings it back.
 */
final class ServiceUrls {
    private final Cache<String, String> byConversation = Caffeine.newBuilder().maximumSize(50_000)
            .expireAfterAccess(Duration.ofDays(7)).build();

    void verified(String tenant, String conversationId, String serviceUrl) {
        byConversation.put(key(tenant, conversationId), serviceUrl);
    }

    Optional<String> of(String tenant, String conversationId) {
        return Optional.ofNullable(byConversation.getIfPresent(key(tenant, conversationId)));
    }

    private static String key(String tenant, String conversationId) {
        return tenant + "|" + conversationId;
    }
}
