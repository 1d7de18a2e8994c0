package dev.livedesk.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

import static dev.livedesk.support.ProcessApi.postUntilAcknowledged;

/**
 * Customers posting to packaged services under load: each poster thread sends messages to random conversations, each
 * one until it is acknowledged (through restarts, with its clientMessageId), and remembers the acknowledged event ids.
 */
public final class Posters implements AutoCloseable {

    /** A message a service acknowledged. */
    public record Ack(String conversationId, String clientMessageId, long eventId) {
    }

    private final AtomicBoolean posting = new AtomicBoolean(true);
    private final AtomicInteger posts = new AtomicInteger();
    private final Map<String, Set<Long>> acknowledged = new ConcurrentHashMap<>();
    private final ExecutorService pool;
    private final List<Future<?>> running = new ArrayList<>();

    private Posters(int threads) {
        pool = Executors.newFixedThreadPool(threads);
    }

    /**
     * Starts {@code threads} posters.
     *
     * @param targets where each try goes: one service, or replicas in turn
     * @param onAck   told of each acknowledged message, on the poster's thread
     */
    public static Posters start(int threads, List<TestApi.Started> conversations, Supplier<AppProcess> targets,
                                Consumer<Ack> onAck) {
        Posters posters = new Posters(threads);
        for (int p = 0; p < threads; p++) {
            int poster = p;
            posters.running.add(posters.pool.submit(() -> {
                int n = 0;
                while (posters.posting.get()) {
                    TestApi.Started conversation = conversations.get(
                            ThreadLocalRandom.current().nextInt(conversations.size()));
                    String clientMessageId = "poster-" + poster + "-" + n++;
                    long eventId = postUntilAcknowledged(targets, conversation, "message " + clientMessageId,
                            clientMessageId);
                    posters.acknowledged.computeIfAbsent(conversation.id(), id -> ConcurrentHashMap.newKeySet())
                            .add(eventId);
                    onAck.accept(new Ack(conversation.id(), clientMessageId, eventId));
                    posters.posts.incrementAndGet();
                }
            }));
        }
        return posters;
    }

    /** How many messages have been acknowledged so far. */
    public int posts() {
        return posts.get();
    }

    /** The event ids of the conversation's acknowledged messages. */
    public Set<Long> acknowledged(String conversationId) {
        return acknowledged.getOrDefault(conversationId, Set.of());
    }

    /** Lets every poster finish the message it is on, then returns; fails if one does not within {@code limit}. */
    public void stop(Duration limit) throws Exception {
        posting.set(false);
        for (Future<?> poster : running) {
            poster.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void close() {
        posting.set(false);
        pool.shutdownNow();
    }
}
