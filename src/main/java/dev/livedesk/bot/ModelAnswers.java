package dev.livedesk.bot;

import io.micrometer.core.instrument.Counter;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Answers written by a language model from the retrieved entries ({@link GeneratedAnswers}), its tokens streamed as
 * they arrive. Whatever settles first wins: the model's complete answer, or the fallback to the retrieved answer on
 * an error, an empty answer or the timeout; a fallback cancels the model's draft in the customer's view before the
 * retrieved answer streams.
 */
final class ModelAnswers {

    private static final Logger LOG = Logger.getLogger(ModelAnswers.class);
    /** Entries a language model is given to answer from. */
    private static final int GROUNDING = 3;

    private final GeneratedAnswers model;
    private final AnswerStream answers;
    private final ScheduledExecutorService timer;
    private final Counter generated;
    private final Counter fallbacks;

    ModelAnswers(GeneratedAnswers model, AnswerStream answers, ScheduledExecutorService timer, Counter generated,
                 Counter fallbacks) {
        this.model = model;
        this.answers = answers;
        this.timer = timer;
        this.generated = generated;
        this.fallbacks = fallbacks;
    }

    boolean enabled() {
        return model.enabled();
    }

    /** Answers the question; completes when the model's or the retrieved answer is stored or given up. */
    CompletableFuture<Void> answer(String conversationId, String question, Retrieval retrieval, FaqEntry retrieved) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        String draftId = UUID.randomUUID().toString();
        AtomicBoolean settled = new AtomicBoolean();
        Runnable fallBack = () -> {
            if (settled.compareAndSet(false, true)) {
                fallbacks.increment();
                answers.delta(conversationId, draftId, "", true, true);
                answers.stream(conversationId, retrieved.answer()).whenComplete((ignored, failure) -> {
                    if (failure == null) {
                        done.complete(null);
                    } else {
                        done.completeExceptionally(failure);
                    }
                });
            }
        };
        ScheduledFuture<?> deadline = timer.schedule(fallBack, model.timeout().toMillis(), TimeUnit.MILLISECONDS);
        List<FaqEntry> grounding = retrieval.ranked().stream().map(Candidate::entry).limit(GROUNDING).toList();
        AnswerStream.Ownership owned = answers.ownership(conversationId);
        model.generate(question, retrieval.lang(), grounding,
                token -> {
                    if (!settled.get() && !token.isEmpty() && owned.stillMine()) {
                        answers.delta(conversationId, draftId, token, false, false);
                    }
                },
                text -> {
                    deadline.cancel(false);
                    if (!GeneratedAnswers.isAnswer(text)) {
                        fallBack.run();
                    } else if (settled.compareAndSet(false, true)) {
                        generated.increment();
                        try {
                            answers.store(conversationId, draftId, text.strip());
                        } finally {
                            done.complete(null);
                        }
                    }
                },
                error -> {
                    deadline.cancel(false);
                    LOG.debugf("The language model failed, answering from the knowledge base: %s", error.toString());
                    fallBack.run();
                });
        return done;
    }
}
