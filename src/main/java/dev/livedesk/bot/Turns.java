package dev.livedesk.bot;

import org.jboss.logging.Logger;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.LongFunction;

/**
 * The order of the assistant's turns: a conversation's questions are answered one after the other, in the order
 * they came, while different conversations run in parallel on the assistant's threads.
 */
final class Turns {

    private static final Logger LOG = Logger.getLogger(Turns.class);

    private final ExecutorService threads;
    /** The last turn of each conversation with one running or waiting. */
    private final Map<String, CompletableFuture<Void>> last = new ConcurrentHashMap<>();

    Turns(ExecutorService threads) {
        this.threads = threads;
    }

    /**
     * Runs {@code turn} on the assistant's threads once the conversation's previous turn is over. The turn is given
     * the moment it was queued for a thread ({@link System#nanoTime}), from which its wait for one counts, and
     * returns what completes when its reply is stored or given up.
     */
    void after(String conversationId, LongFunction<CompletableFuture<Void>> turn) {
        CompletableFuture<Void> next = new CompletableFuture<>();
        CompletableFuture<Void> previous = last.put(conversationId, next);
        (previous == null ? CompletableFuture.<Void>completedFuture(null) : previous)
                .whenComplete((ignored, failure) -> start(conversationId, turn, next));
    }

    private void start(String conversationId, LongFunction<CompletableFuture<Void>> turn, CompletableFuture<Void> next) {
        long queuedAt = System.nanoTime();
        try {
            threads.execute(() -> run(turn, queuedAt).whenComplete((done, error) -> {
                if (error != null) {
                    LOG.errorf(error, "The assistant's turn in %s failed", conversationId);
                }
                end(conversationId, next);
            }));
        } catch (RejectedExecutionException stopping) {
            end(conversationId, next);
        }
    }

    private static CompletableFuture<Void> run(LongFunction<CompletableFuture<Void>> turn, long queuedAt) {
        try {
            return turn.apply(queuedAt);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void end(String conversationId, CompletableFuture<Void> next) {
        next.complete(null);
        last.remove(conversationId, next);
    }
}
