package dev.pipelinetriage.adapter.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelinetriage.app.OutageGrouping.BannerAction;
import dev.pipelinetriage.app.OutageGrouping.Grouped;
import dev.pipelinetriage.app.OutageGrouping;
import dev.pipelinetriage.app.port.OutageGroupingContract;
import dev.pipelinetriage.app.port.OutageStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Outage grouping on the real databases: the shared contract, a restart, and two replicas at once. */
class OutageGroupingOnStoresTest {

    @Nested
    class OnTheEmbeddedStore extends OutageGroupingContract {
        @TempDir
        Path dir;
        private final List<EmbeddedStore> opened = new ArrayList<>();

        @Override
        protected OutageStore store() {
            EmbeddedStore store = EmbeddedStore.open(dir.resolve("data-" + opened.size()));
            opened.add(store);
            return store.outageStore();
        }

        @AfterEach
        void close() {
            opened.forEach(EmbeddedStore::close);
        }

        @Test
        void anOpenBannerSurvivesARestart() {
            Path data = dir.resolve("restart");
            try (EmbeddedStore before = EmbeddedStore.open(data)) {
                OutageGrouping grouping = grouping(before.outageStore());
                grouping.hit(CHANNEL, REGISTRY, "job-1", T0);
                grouping.hit(CHANNEL, REGISTRY, "job-2", T0);
                Grouped opened = (Grouped) grouping.hit(CHANNEL, REGISTRY, "job-3", T0);
                grouping.posted(opened.banner(), "m-1");
            }
            try (EmbeddedStore after = EmbeddedStore.open(data)) {
                Grouped fourth = (Grouped) grouping(after.outageStore()).hit(CHANNEL, REGISTRY, "job-4", T0.plusSeconds(60));

                assertThat(fourth.action()).isEqualTo(BannerAction.UPDATE);
                assertThat(fourth.banner().messageId()).isEqualTo("m-1");
                assertThat(fourth.count()).isEqualTo(4);
            }
        }
    }

    @Nested
    @ExtendWith(PostgresDatabases.Shared.class)
    class OnPostgres extends OutageGroupingContract {
        private static PostgresDatabases databases;
        private final List<PostgresStore> opened = new ArrayList<>();

        @BeforeAll
        static void startServer(PostgresDatabases shared) {
            databases = shared;
        }

        @Override
        protected OutageStore store() {
            PostgresStore store = databases.open(databases.freshDatabase());
            opened.add(store);
            return store.outageStore();
        }

        @AfterEach
        void close() {
            opened.forEach(PostgresStore::close);
        }

        @Test
        void twoReplicasHitByManyJobsAtOnceOpenExactlyOneBannerAndCountEveryJobOnce() throws Exception {
            String url = databases.freshDatabase();
            try (PostgresStore a = databases.open(url); PostgresStore b = databases.open(url)) {
                OutageGrouping onA = grouping(a.outageStore());
                OutageGrouping onB = grouping(b.outageStore());
                List<Callable<OutageGrouping.Decision>> jobs = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    String job = "job-" + (i % 20);
                    OutageGrouping replica = i % 2 == 0 ? onA : onB;
                    jobs.add(() -> replica.hit(CHANNEL, REGISTRY, job, T0));
                }
                List<OutageGrouping.Decision> decisions = new ArrayList<>();
                try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
                    for (Future<OutageGrouping.Decision> f : pool.invokeAll(jobs)) {
                        decisions.add(f.get());
                    }
                }

                assertThat(decisions.stream().filter(d -> d instanceof Grouped g && g.action() == BannerAction.POST))
                        .hasSize(1);
                assertThat(a.outageStore().hits(CHANNEL, REGISTRY.key(), T0).count()).isEqualTo(20);
                assertThat(b.outageStore().latestBanner(CHANNEL, REGISTRY.key())).hasValueSatisfying(
                        banner -> assertThat(banner.generation()).isEqualTo(1));
            }
        }
    }
}
