package dev.pipelinetriage.chat;

import dev.pipelinetriage.app.FailedJobLogs;
import dev.pipelinetriage.domain.CiLink;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds links to configured CI instances in message text. Links to other hosts are not CI links and are
 * skipped without a word, unless they are shaped like a configured kind's run links (a CI on a host or port the
 * bot does not serve); those, and links to a configured host that cannot be used, are reported (see
 * {@link TriageConversation}). Nothing here makes a request.
 */
public final class LinkDetector {
    /** Stops at whitespace and at the characters chat markup wraps links in. */
    private static final Pattern URL = Pattern.compile("https?://[^\\s<>|\"'`]+", Pattern.CASE_INSENSITIVE);
    private static final int MAX_CANDIDATES = 200;

    private final FailedJobLogs router;
    private final int maxLinks;

    public LinkDetector(FailedJobLogs router, int maxLinks) {
        this.router = Objects.requireNonNull(router, "router");
        if (maxLinks < 1) {
            throw new IllegalArgumentException("maxLinks must be at least 1, got " + maxLinks);
        }
        this.maxLinks = maxLinks;
    }

    /** A usable link: as pasted, and parsed. */
    public record Found(String url, CiLink link) {
        public Found {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(link, "link");
        }
    }

    /** A link the bot will not read, as pasted, and why, for people. */
    public record Refusal(String url, String reason) {
        public Refusal {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * @param links the links to triage, at most the configured number, in message order
     * @param overLimit further usable links, named to the user rather than dropped silently
     * @param refused run, build or job links the bot will not read, each with its reason: links to configured hosts
     *     that cannot be used (malformed ids, unsafe), and links shaped like a configured kind's run links on a host
     *     or port no instance serves; worth telling whoever pasted them
     * @param otherPages links to other pages of configured hosts (a repository, a merge request), each with its
     *     reason: told only to someone who asked the bot explicitly
     */
    public record Detection(List<Found> links, List<String> overLimit, List<Refusal> refused, List<String> otherPages) {
        public Detection {
            links = List.copyOf(links);
            overLimit = List.copyOf(overLimit);
            refused = List.copyOf(refused);
            otherPages = List.copyOf(otherPages);
        }

        /** The reasons of {@link #refused}, in message order. */
        public List<String> refusedReasons() {
            return refused.stream().map(Refusal::reason).toList();
        }
    }

    public int maxLinks() {
        return maxLinks;
    }

    public Detection detect(String text) {
        Set<String> candidates = new LinkedHashSet<>();
        Matcher m = URL.matcher(text);
        while (m.find() && candidates.size() < MAX_CANDIDATES) {
            candidates.add(trimTrailingPunctuation(m.group()));
        }
        List<Found> links = new ArrayList<>();
        List<String> over = new ArrayList<>();
        List<Refusal> refused = new ArrayList<>();
        List<String> otherPages = new ArrayList<>();
        Set<CiLink> seen = new LinkedHashSet<>();
        for (String url : candidates) {
            switch (router.route(url)) {
                case FailedJobLogs.RoutedTo routed -> {
                    if (!seen.add(routed.link())) {
                        continue;
                    }
                    if (links.size() < maxLinks) {
                        links.add(new Found(url, routed.link()));
                    } else {
                        over.add(url);
                    }
                }
                case FailedJobLogs.Unrouted unrouted -> {
                    switch (unrouted.kind()) {
                        case REFUSED, FOREIGN_HOST -> refused.add(new Refusal(url, unrouted.reason()));
                        case OTHER_PAGE -> otherPages.add(unrouted.reason());
                        case UNKNOWN_HOST -> {
                        }
                    }
                }
            }
        }
        return new Detection(links, over, refused, otherPages);
    }

    /** "See https://ci/run/1." means the link without the full stop. */
    private static String trimTrailingPunctuation(String url) {
        int end = url.length();
        while (end > 0 && ".,;:!?)]}*_~".indexOf(url.charAt(end - 1)) >= 0) {
            end--;
        }
        return url.substring(0, end);
    }
}
