package dev.pipelinetriage.adapter.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelinetriage.app.port.PendingWork;
import dev.pipelinetriage.app.port.PendingWorkContract;
import dev.pipelinetriage.app.port.WorkItem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Acknowledged work on the real databases: the shared contract, a restart, and two replicas on one PostgreSQL. */
class PendingWorkOnStoresTest {

    @Nested
    class OnTheEmbeddedStore extends PendingWorkContract {
        @TempDir
        Path dir;
        private EmbeddedStore store;

        @Override
        protected PendingWork store() {
            if (store == null) {
                store = EmbeddedStore.open(dir.resolve("data"));
            }
            return store.pendingWork();
        }

        @AfterEach
        void close() {
            if (store != null) {
                store.close();
            }
        }

        @Test
        void workLeftByAStoppedBotIsThereForItsRestart() {
            Path data = dir.resolve("restart");
            String id;
            try (EmbeddedStore before = EmbeddedStore.open(data)) {
                id = ((PendingWork.Added) before.pendingWork().enqueue("paste:slack", "slack:Ev1:0", "{}", "run-1", T0,
                        LEASE)).item().id();
                before.pendingWork().placeholder(id, "1700000000.000300");
                before.pendingWork().releaseAll("run-1", T0.plusSeconds(5));
            }
            try (EmbeddedStore after = EmbeddedStore.open(data)) {
                assertThat(after.pendingWork().takeOver("run-2", T0.plusSeconds(6), LEASE, 10)).singleElement()
                        .satisfies(item -> {
                            assertThat(item.id()).isEqualTo(id);
                            assertThat(item.placeholder()).isEqualTo("1700000000.000300");
                        });
            }
        }
    }

    @Nested
    @ExtendWith(PostgresDatabases.Shared.class)
    class OnPostgres extends PendingWorkContract {
        private static PostgresDatabases databases;
        private final List<PostgresStore> opened = new ArrayList<>();
        private PostgresStore replicaA;
        private PostgresStore replicaB;
        private int calls;

        @BeforeAll
        static void startServer(PostgresDatabases shared) {
            databases = shared;
        }

        /** Alternates between two store instances on one database: two replicas. */
        @Override
        protected PendingWork store() {
            if (replicaA == null) {
                String url = databases.freshDatabase();
                replicaA = databases.open(url);
                replicaB = databases.open(url);
                opened.add(replicaA);
                opened.add(replicaB);
            }
            return (calls++ % 2 == 0 ? replicaA : replicaB).pendingWork();
        }

        @AfterEach
        void close() {
            opened.forEach(PostgresStore::close);
        }

        @Test
        void twoReplicasSweepingManyExpiredItemsAtOnceTakeEachExactlyOnce() throws Exception {
            for (int i = 0; i < 40; i++) {
                store().enqueue("webhook", "k" + i, "{}", "crashed", T0, LEASE);
            }
            List<WorkItem> a = new ArrayList<>();
            List<WorkItem> b = new ArrayList<>();
            Thread first = Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 10; i++) {
                    a.addAll(replicaA.pendingWork().takeOver("replica-a", T0.plus(LEASE), LEASE, 5));
                }
            });
            Thread second = Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 10; i++) {
                    b.addAll(replicaB.pendingWork().takeOver("replica-b", T0.plus(LEASE), LEASE, 5));
                }
            });
            first.join();
            second.join();

            List<String> ids = new ArrayList<>();
            a.forEach(item -> ids.add(item.id()));
            b.forEach(item -> ids.add(item.id()));
            assertThat(ids).hasSize(40).doesNotHaveDuplicates();
        }
    }
}
