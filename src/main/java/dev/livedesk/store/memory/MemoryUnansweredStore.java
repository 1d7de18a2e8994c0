package dev.livedesk.store.memory;

import dev.livedesk.bot.UnansweredStore;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/** The newest unanswered questions of this process, in a bounded deque. */
final class MemoryUnansweredStore implements UnansweredStore {

    private final Deque<Unanswered> questions = new ArrayDeque<>();

    @Override
    public synchronized void record(Unanswered question) {
        questions.addFirst(question);
        if (questions.size() > MEMORY_LIMIT) {
            questions.removeLast();
        }
    }

    @Override
    public synchronized List<Unanswered> since(Instant from, int max) {
        List<Unanswered> found = new ArrayList<>();
        for (Iterator<Unanswered> newest = questions.iterator(); newest.hasNext() && found.size() < max; ) {
            Unanswered question = newest.next();
            if (!question.at().isBefore(from)) {
                found.add(question);
            }
        }
        return found;
    }
}
