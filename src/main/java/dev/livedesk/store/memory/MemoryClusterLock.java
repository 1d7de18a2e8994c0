package dev.livedesk.store.memory;

import dev.livedesk.event.ClusterLock;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/** The cluster of one process: a lock per name. */
public final class MemoryClusterLock implements ClusterLock {

    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    @Override
    public void exclusively(String name, Runnable work) {
        ReentrantLock lock = locks.computeIfAbsent(name, n -> new ReentrantLock());
        lock.lock();
        try {
            work.run();
        } finally {
            lock.unlock();
        }
    }
}
