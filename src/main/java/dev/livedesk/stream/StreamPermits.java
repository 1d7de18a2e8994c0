package dev.livedesk.stream;

import dev.livedesk.config.LiveDeskConfig;
import dev.livedesk.error.DeskException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Caps on open streams: per credential, per client address and for the whole process, checked before a stream
 * starts (afterwards a refusal could no longer be an HTTP status). A permit is given back exactly once, when its
 * stream ends for whatever reason. Counts are per replica.
 */
@ApplicationScoped
public class StreamPermits {

    /** A client refused for too many streams may try again this soon: by then one of its streams may have ended. */
    static final int RETRY_AFTER_SECONDS = 5;

    private final int perCredential;
    private final int perAddress;
    private final int total;
    private final Map<String, Integer> byCredential = new ConcurrentHashMap<>();
    private final Map<String, Integer> byAddress = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private volatile boolean draining;

    public StreamPermits(LiveDeskConfig config) {
        this.perCredential = config.limits().streamsPerToken();
        this.perAddress = config.limits().streamsPerAddress();
        this.total = config.limits().maxStreams();
    }

    /** One stream's right to exist; {@link #release()} may be called any number of times. */
    public final class Permit {
        private final String credential;
        private final String address;
        private final AtomicBoolean released = new AtomicBoolean();

        private Permit(String credential, String address) {
            this.credential = credential;
            this.address = address;
        }

        public void release() {
            if (released.compareAndSet(false, true)) {
                giveBack(credential, address);
            }
        }
    }

    /**
     * Takes a permit for a new stream.
     *
     * @param credential who the stream is for (role and id), or null for a public stream
     * @throws DeskException TOO_MANY with Retry-After when a cap is reached
     */
    public Permit acquire(String credential, String address) {
        if (draining) {
            throw new DeskException(DeskException.Kind.UNAVAILABLE, "draining",
                    "This server is shutting down; connect again", 1);
        }
        if (open.incrementAndGet() > total) {
            open.decrementAndGet();
            throw refused("This server has as many streams open as it allows");
        }
        if (byAddress.merge(address, 1, Integer::sum) > perAddress) {
            giveBack(null, address);
            throw refused("Too many streams are open from this address");
        }
        if (credential != null && byCredential.merge(credential, 1, Integer::sum) > perCredential) {
            giveBack(credential, address);
            throw refused("Too many streams are open with this credential");
        }
        return new Permit(credential, address);
    }

    /** From now on every new stream is refused with 503: the replica is shutting down. */
    void stopAdmitting() {
        draining = true;
    }

    public boolean draining() {
        return draining;
    }

    /** Streams open now, in this process. */
    public int open() {
        return open.get();
    }

    private void giveBack(String credential, String address) {
        open.decrementAndGet();
        decrement(byAddress, address);
        if (credential != null) {
            decrement(byCredential, credential);
        }
    }

    /** Counts down and forgets a key at zero (atomically per key), so the maps hold only keys with open streams. */
    private static void decrement(Map<String, Integer> counts, String key) {
        counts.computeIfPresent(key, (k, count) -> count <= 1 ? null : count - 1);
    }

    private static DeskException refused(String message) {
        return DeskException.tooMany("too-many-streams", message, RETRY_AFTER_SECONDS);
    }
}
