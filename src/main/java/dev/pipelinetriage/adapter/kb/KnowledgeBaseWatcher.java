package dev.pipelinetriage.adapter.kb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls {@code onChange} after files under the knowledge-base directory changed and then stayed quiet for
 * {@code settle}, so an editor's or git's burst of writes triggers one reload, not one per file. Any change in
 * the directory counts, which also covers a Kubernetes ConfigMap volume: it swaps a {@code ..data} symlink
 * rather than rewriting the files.
 */
public final class KnowledgeBaseWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KnowledgeBaseWatcher.class);

    private final WatchService watch;
    private final Thread thread;

    private KnowledgeBaseWatcher(WatchService watch, Thread thread) {
        this.watch = watch;
        this.thread = thread;
    }

    public static KnowledgeBaseWatcher start(Path directory, Duration settle, Runnable onChange) {
        Objects.requireNonNull(onChange, "onChange");
        WatchService watch;
        try {
            watch = FileSystems.getDefault().newWatchService();
            directory.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot watch the knowledge base in " + directory, e);
        }
        Thread thread = Thread.ofPlatform().daemon().name("kb-watcher").unstarted(() -> loop(watch, settle, onChange));
        thread.start();
        LOG.info("watching {} for knowledge-base changes", directory);
        return new KnowledgeBaseWatcher(watch, thread);
    }

    private static void loop(WatchService watch, Duration settle, Runnable onChange) {
        try {
            while (true) {
                WatchKey key = watch.take();
                drain(key);
                // Quiet period: keep draining while changes keep coming.
                WatchKey more;
                while ((more = watch.poll(settle.toMillis(), TimeUnit.MILLISECONDS)) != null) {
                    drain(more);
                }
                try {
                    onChange.run();
                } catch (RuntimeException e) {
                    LOG.error("knowledge-base reload after a file change failed", e);
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void drain(WatchKey key) {
        key.pollEvents();
        key.reset();
    }

    @Override
    public void close() {
        try {
            watch.close();
        } catch (IOException e) {
            LOG.warn("closing the knowledge-base watcher failed", e);
        }
        thread.interrupt();
    }
}
