package dev.pipelinetriage.adapter.teams;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;

/**
 * Display names and Teams ids of people the bot heard from, by Entra object id (the id the chat layer knows users
 * by), so that a mention can be rendered. Only for display: identity and authorization never use names.
 */
final class People {
    private final Cache<String, Person> byObjectId = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterAccess(Duration.ofDays(7)).build();

    /** @param teamsId the {@code 29:...} id mentions address */
    record Person(String teamsId, String name) {
    }

    void saw(String objectId, String teamsId, String name) {
        if (objectId != null && teamsId != null && name != null && !name.isBlank()) {
            byObjectId.put(objectId, new Person(teamsId, name));
        }
    }

    Optional<Person> find(String objectId) {
        return Optional.ofNullable(byObjectId.getIfPresent(objectId));
    }
}
