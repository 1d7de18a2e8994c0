package dev.livedesk.event;

import dev.livedesk.store.Stores;
import dev.livedesk.store.StoresFixture;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What every {@link ClusterLock} promises, run against each implementation. */
public abstract class ClusterLockContract extends StoresFixture {

    protected ClusterLockContract(Storage storage) {
        super(storage);
    }

    @Test
    void workUnderOneNameNeverOverlapsAcrossThreadsAndProcesses() throws Exception {
        Stores one = stores();
        Stores two = elsewhere(one);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger runs = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                ClusterLock lock = (t % 2 == 0 ? one : two).clusterLock();
                done.add(threads.submit(() -> {
                    for (int i = 0; i < 10; i++) {
                        lock.exclusively("routing", () -> {
                            if (inside.incrementAndGet() > 1) {
                                overlaps.incrementAndGet();
                            }
                            Thread.yield();
                            runs.incrementAndGet();
                            inside.decrementAndGet();
                        });
                    }
                }));
            }
            for (Future<?> thread : done) {
                thread.get(30, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(runs).hasValue(40);
        assertThat(overlaps).hasValue(0);
    }

    @Test
    void differentNamesDoNotWaitForEachOther() throws Exception {
        Stores stores = stores();
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            Future<?> holder = thread.submit(() -> stores.clusterLock().exclusively("a", () -> {
                holding.countDown();
                await(release);
            }));
            assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
            AtomicBoolean ran = new AtomicBoolean();
            stores.clusterLock().exclusively("b", () -> ran.set(true));
            assertThat(ran).isTrue();
            release.countDown();
            holder.get(10, TimeUnit.SECONDS);
        } finally {
            release.countDown();
            thread.shutdownNow();
        }
    }

    @Test
    void workThatThrowsReleasesTheLock() throws Exception {
        Stores stores = stores();
        assertThatThrownBy(() -> stores.clusterLock().exclusively("a", () -> {
            throw new IllegalStateException("failed");
        })).hasMessage("failed");
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            AtomicBoolean ran = new AtomicBoolean();
            thread.submit(() -> stores.clusterLock().exclusively("a", () -> ran.set(true)))
                    .get(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS);
            assertThat(ran).isTrue();
        } finally {
            thread.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
