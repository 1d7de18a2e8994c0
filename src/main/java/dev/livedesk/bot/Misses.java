package dev.livedesk.bot;

import dev.livedesk.chat.Change;
import dev.livedesk.chat.Changed;
import dev.livedesk.chat.Conversation;
import dev.livedesk.chat.ConversationStatus;
import dev.livedesk.chat.ConversationStore;
import dev.livedesk.chat.Message;
import dev.livedesk.chat.Notice;
import dev.livedesk.chat.Sender;
import dev.livedesk.chat.Suggestion;
import dev.livedesk.chat.service.ChatEvents;
import dev.livedesk.chat.service.LifecycleService;
import io.micrometer.core.instrument.Counter;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What the assistant does with a question it cannot answer: it says so in the customer's language, offers up to
 * {@value #SUGGESTIONS} topics and a person, and records the question as a gap; the miss that reaches
 * {@code livedesk.bot.max-misses} in a row hands the conversation to the queue instead of replying.
 */
final class Misses {

    private static final Logger LOG = Logger.getLogger(Misses.class);
    /** Topics offered with a reply the assistant is not sure of. */
    static final int SUGGESTIONS = 3;

    private final ConversationStore store;
    private final ChatEvents events;
    private final LifecycleService lifecycle;
    private final UnansweredStore unanswered;
    private final Clock clock;
    private final int maxMisses;
    private final Counter misses;
    private final Counter handoffs;

    Misses(ConversationStore store, ChatEvents events, LifecycleService lifecycle, UnansweredStore unanswered,
           Clock clock, int maxMisses, Counter misses, Counter handoffs) {
        this.store = store;
        this.events = events;
        this.lifecycle = lifecycle;
        this.unanswered = unanswered;
        this.clock = clock;
        this.maxMisses = maxMisses;
        this.misses = misses;
        this.handoffs = handoffs;
    }

    /**
     * Counts the miss and, in the same step, replies (or, at the limit, does not). A question the assistant no longer
     * holds (an agent took the conversation meanwhile) is neither a miss nor a gap.
     */
    void miss(String conversationId, Message question, Retrieval retrieval) {
        List<Suggestion> suggestions = retrieval.suggestions(SUGGESTIONS).stream()
                .map(entry -> new Suggestion(entry.topic(), entry.question())).toList();
        Message reply = new Message(UUID.randomUUID().toString(), conversationId, Sender.bot(),
                Notice.NOT_SURE.inLanguage(retrieval.lang()), clock.instant(), null, List.of(), suggestions);
        Changed changed = store.change(conversationId, current -> {
            if (current.status() != ConversationStatus.BOT) {
                return Optional.empty();
            }
            int missed = current.botMisses() + 1;
            Conversation next = current.withBotMisses(missed, clock.instant());
            return Optional.of(new Change(next, missed >= maxMisses ? List.of()
                    : List.of(new Change.Emit(events.message(reply), reply))));
        });
        if (!changed.stored()) {
            return;
        }
        boolean handOff = changed.after().botMisses() >= maxMisses;
        misses.increment();
        record(new UnansweredStore.Unanswered(conversationId, retrieval.lang(), question.text(), handOff,
                clock.instant()));
        if (handOff) {
            lifecycle.handOff(conversationId);
            handoffs.increment();
        }
    }

    private void record(UnansweredStore.Unanswered question) {
        try {
            unanswered.record(question);
        } catch (RuntimeException e) {
            LOG.warnf("An unanswered question could not be recorded: %s", e.getMessage());
        }
    }
}
