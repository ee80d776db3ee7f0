package dev.pipelinetriage.app.port;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelinetriage.app.OutageGrouping;
import dev.pipelinetriage.app.OutageGrouping.BannerAction;
import dev.pipelinetriage.app.OutageGrouping.Card;
import dev.pipelinetriage.app.OutageGrouping.Decision;
import dev.pipelinetriage.app.OutageGrouping.Grouped;
import dev.pipelinetriage.domain.Signature;
import dev.pipelinetriage.domain.Verdict;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Outage grouping over a store: run against the in-memory fake, H2 and PostgreSQL, so all three give the same
 * decisions. Threshold 3, window 10 minutes.
 */
public abstract class OutageGroupingContract {
    protected static final Instant T0 = Instant.parse("2026-12-01T10:02:00Z");
    protected static final String CHANNEL = "slack:C0PLATFORM";
    protected static final Signature REGISTRY = new Signature("ke-registry-server-error",
            "Package registry or remote answered with a 5xx server error", Verdict.PLATFORM);
    protected static final Signature TEST_FAILURE = new Signature("fp-0123456789abcdef", "expected <n> but was <n>",
            Verdict.CODE);

    /** A fresh, empty store. */
    protected abstract OutageStore store();

    protected OutageGrouping grouping(OutageStore store) {
        return new OutageGrouping(store, 3, Duration.ofMinutes(10));
    }

    private static Instant at(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    @Test
    void theFirstJobsGetCardsAndTheThresholdthOpensOneBannerCountingFromTheFirstHit() {
        OutageGrouping grouping = grouping(store());

        assertThat(grouping.hit(CHANNEL, REGISTRY, "job-1", at(0))).isInstanceOf(Card.class);
        assertThat(grouping.hit(CHANNEL, REGISTRY, "job-2", at(1))).isInstanceOf(Card.class);
        Decision third = grouping.hit(CHANNEL, REGISTRY, "job-3", at(2));

        assertThat(third).isInstanceOf(Grouped.class);
        Grouped grouped = (Grouped) third;
        assertThat(grouped.action()).isEqualTo(BannerAction.POST);
        assertThat(grouped.count()).isEqualTo(3);
        assertThat(grouped.banner().since()).isEqualTo(at(0));
    }

    @Test
    void onceTheBannerIsPostedEachNewJobRaisesItsCount() {
        OutageGrouping grouping = grouping(store());
        for (int i = 1; i <= 2; i++) {
            grouping.hit(CHANNEL, REGISTRY, "job-" + i, at(i));
        }
        Grouped opened = (Grouped) grouping.hit(CHANNEL, REGISTRY, "job-3", at(3));
        assertThat(grouping.posted(opened.banner(), "1503435956.000247")).isEmpty();

        Grouped fourth = (Grouped) grouping.hit(CHANNEL, REGISTRY, "job-4", at(4));

        assertThat(fourth.action()).isEqualTo(BannerAction.UPDATE);
        assertThat(fourth.count()).isEqualTo(4);
        assertThat(fourth.banner().messageId()).isEqualTo("1503435956.000247");
    }

    @Test
    void jobsCountedWhileTheBannerWasBeingPostedAreShownRightAfter() {
        OutageGrouping grouping = grouping(store());
        grouping.hit(CHANNEL, REGISTRY, "job-1", at(0));
        grouping.hit(CHANNEL, REGISTRY, "job-2", at(0));
        Grouped opened = (Grouped) grouping.hit(CHANNEL, REGISTRY, "job-3", at(1));

        Grouped meanwhile = (Grouped) grouping.hit(CHANNEL, REGISTRY, "job-4", at(1));
        var update = grouping.posted(opened.banner(), "m-1");

        assertThat(meanwhile.action()).isEqualTo(BannerAction.NONE);
        assertThat(update).hasValueSatisfying(u -> {
            assertThat(u.action()).isEqualTo(BannerAction.UPDATE);
            assertThat(u.count()).isEqualTo(4);
        });
    }

    @Test
    void theSameJobDeliveredAgainCountsOnce() {
        OutageGrouping grouping = grouping(store());
        grouping.hit(CHANNEL, REGISTRY, "job-1", at(0));
        grouping.hit(CHANNEL, REGISTRY, "job-2", at(0));
        Grouped opened = (Grouped) grouping.hit(CHANNEL, REGISTRY, "job-3", at(0));
        grouping.posted(opened.banner(), "m-1");

        Grouped again = (Grouped) grouping.hit(CHANNEL, REGISTRY, "job-3", at(1));

        assertThat(again.count()).isEqualTo(3);
        assertThat(again.action()).isEqualTo(BannerAction.NONE);
    }

    @Test
    void hitsOlderThanTheWindowDoNotMakeAnOutage() {
        OutageGrouping grouping = grouping(store());
        grouping.hit(CHANNEL, REGISTRY, "job-1", at(0));
        grouping.hit(CHANNEL, REGISTRY, "job-2", at(6));

        assertThat(grouping.hit(CHANNEL, REGISTRY, "job-3", at(12))).isInstanceOf(Card.class);
    }

    @Test
    void afterAQuietWindowTheNextBurstStartsOverWithANewBanner() {
        OutageGrouping grouping = grouping(store());
        for (int i = 1; i <= 2; i++) {
            grouping.hit(CHANNEL, REGISTRY, "job-" + i, at(0));
        }
        Grouped first = (Grouped) grouping.hit(CHANNEL, REGISTRY, "job-3", at(1));
        grouping.posted(first.banner(), "m-1");

        assertThat(grouping.hit(CHANNEL, REGISTRY, "job-4", at(30))).isInstanceOf(Card.class);
        grouping.hit(CHANNEL, REGISTRY, "job-5", at(31));
        Grouped second = (Grouped) grouping.hit(CHANNEL, REGISTRY, "job-6", at(32));

        assertThat(second.action()).isEqualTo(BannerAction.POST);
        assertThat(second.banner().generation()).isEqualTo(first.banner().generation() + 1);
        assertThat(second.banner().since()).isEqualTo(at(30));
        assertThat(second.count()).isEqualTo(3);
    }

    @Test
    void aBannerStaysOpenWhileHitsKeepComingWithinTheWindowOfTheLastOne() {
        OutageGrouping grouping = grouping(store());
        for (int i = 1; i <= 2; i++) {
            grouping.hit(CHANNEL, REGISTRY, "job-" + i, at(0));
        }
        Grouped opened = (Grouped) grouping.hit(CHANNEL, REGISTRY, "job-3", at(0));
        grouping.posted(opened.banner(), "m-1");

        grouping.hit(CHANNEL, REGISTRY, "job-4", at(9));
        Decision late = grouping.hit(CHANNEL, REGISTRY, "job-5", at(18));

        assertThat(late).isInstanceOf(Grouped.class);
        assertThat(((Grouped) late).count()).isEqualTo(5);
    }

    @Test
    void codeFailuresNeverGroupHoweverMany() {
        OutageGrouping grouping = grouping(store());
        for (int i = 0; i < 6; i++) {
            assertThat(grouping.hit(CHANNEL, TEST_FAILURE, "job-" + i, at(0))).isInstanceOf(Card.class);
        }
    }

    @Test
    void eachChannelCountsItsOwnJobs() {
        OutageGrouping grouping = grouping(store());
        grouping.hit(CHANNEL, REGISTRY, "job-1", at(0));
        grouping.hit(CHANNEL, REGISTRY, "job-2", at(0));

        assertThat(grouping.hit("slack:C0OTHER", REGISTRY, "job-3", at(0))).isInstanceOf(Card.class);
    }
}
