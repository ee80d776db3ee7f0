package dev.pipelinetriage.boot;

import dev.pipelinetriage.adapter.slack.SlackClient;
import dev.pipelinetriage.adapter.slack.SlackPlatform;
import dev.pipelinetriage.adapter.slack.SlackSettings;
import dev.pipelinetriage.adapter.teams.TeamsClient;
import dev.pipelinetriage.adapter.teams.TeamsPlatform;
import dev.pipelinetriage.adapter.teams.TeamsSettings;
import dev.pipelinetriage.app.port.GroupDirectory;
import dev.pipelinetriage.boot.config.AppConfig;
import dev.pipelinetriage.boot.config.NotifierSection;
import dev.pipelinetriage.boot.config.ProposalsSection;
import dev.pipelinetriage.boot.config.SlackSection;
import dev.pipelinetriage.boot.config.TeamsSection;
import dev.pipelinetriage.chat.ChatPlatform;
import dev.pipelinetriage.chat.Notifiers;
import dev.pipelinetriage.chat.PlatformServices;
import jakarta.servlet.http.HttpServlet;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import okhttp3.OkHttpClient;

/**
 * The chat platforms {@code serve} can run, one line each in {@link #configured}: a platform is its adapter's
 * {@link ChatPlatform}, made from its configuration section. The registry ({@link dev.pipelinetriage.chat.ChatPlatforms})
 * does the rest: metering, pending work, endpoints, the banner, webhook cards and the digest.
 */
final class ChatWiring {
    /** Teams resends an activity it thinks timed out (after 15 s), a few times at most. */
    private static final Duration TEAMS_DEDUP_FOR = Duration.ofHours(2);
    /** An unknown signing key triggers at most one metadata refresh per hour, as the Bot Framework SDKs do. */
    private static final Duration KEY_REFRESH = Duration.ofHours(1);

    private ChatWiring() {
    }

    /**
     * One configured platform, its secrets already read: made once the shared chat layer exists.
     *
     * @param name the platform's name, known before anything starts (the digest and webhook routes name it)
     */
    record Configured(String name, Function<Context, ChatPlatform<HttpServlet>> make) {
        Configured {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(make, "make");
        }
    }

    /**
     * What making a platform may use.
     *
     * @param setup the clock and each platform's sleeper (waits between retries)
     * @param services the shared chat layer for one platform's people, given the directory of that platform's groups
     */
    record Context(OkHttpClient http, ServeWiring.Setup setup,
            BiFunction<Access, GroupDirectory, PlatformServices> services) {
    }

    /**
     * Who may do what on one platform and how its conversation behaves.
     *
     * @param channels the channels whose messages in passing are triaged; empty: every conversation the bot is in
     */
    record Access(Set<String> rerunUsers, List<String> rerunGroups, List<String> curators, List<String> curatorGroups,
            int maxLinks, URI runbookBase, Set<String> channels, Notifiers notifiers) {
    }

    /** The platforms the configuration asks for, secrets read now so a missing one fails naming its key. */
    static List<Configured> configured(AppConfig config, Map<String, String> env) {
        Optional<ProposalsSection> proposals = config.proposalsSection();
        List<Configured> platforms = new ArrayList<>();
        config.slackSection().ifPresent(slack -> platforms.add(slack(slack, proposals, env)));
        config.teamsSection().ifPresent(teams -> platforms.add(teams(teams, proposals, env)));
        return List.copyOf(platforms);
    }

    private static Configured slack(SlackSection slack, Optional<ProposalsSection> proposals, Map<String, String> env) {
        SlackSettings settings = new SlackSettings(slack.signingSecret().read("slack.signingSecret", env),
                slack.botToken().read("slack.botToken", env), slack.apiBaseUrl().toString(), slack.postInterval(), 4,
                1024 * 1024, slack.refusedLinks());
        Optional<String> appToken = slack.socketModeToken().map(t -> t.read("slack.appToken", env));
        Access access = new Access(Set.copyOf(slack.rerunUsers()), slack.rerunUserGroups(),
                proposals.map(ProposalsSection::slackUsers).orElse(List.of()),
                proposals.map(ProposalsSection::slackGroups).orElse(List.of()), slack.maxLinksPerMessage(),
                slack.runbookBaseUrl(), new HashSet<>(slack.allowedChannels()), notifiers(slack.notifiers()));
        return new Configured("slack", context -> new SlackPlatform(
                new SlackClient(settings, context.http(), context.setup().clock(),
                        context.setup().slackSleeper()),
                directory -> context.services().apply(access, directory), appToken));
    }

    private static Configured teams(TeamsSection teams, Optional<ProposalsSection> proposals, Map<String, String> env) {
        TeamsSettings settings = new TeamsSettings(teams.appId(), teams.appPassword().read("teams.appPassword", env),
                teams.tenant(), Set.copyOf(teams.allowedTenants()), teams.openIdMetadataUrl(), teams.loginBaseUrl(),
                teams.graphBaseUrl(), teams.testServiceUrlPrefix().map(URI::toString).orElse(null), KEY_REFRESH,
                teams.proactiveServiceUrlIfSet().map(u -> u + "/").orElse(null), teams.postInterval());
        Access access = new Access(Set.copyOf(teams.rerunUsers()), teams.rerunGroups(),
                proposals.map(ProposalsSection::teamsUsers).orElse(List.of()),
                proposals.map(ProposalsSection::teamsGroups).orElse(List.of()), teams.maxLinksPerMessage(),
                teams.runbookBaseUrl(), Set.of(), notifiers(teams.notifiers()));
        return new Configured("teams", context -> new TeamsPlatform(
                new TeamsClient(settings, context.http(), context.setup().clock(),
                        context.setup().teamsSleeper()),
                directory -> context.services().apply(access, directory), TEAMS_DEDUP_FOR));
    }

    private static Notifiers notifiers(NotifierSection section) {
        return new Notifiers(Set.copyOf(section.channels()), Set.copyOf(section.bots()));
    }
}
