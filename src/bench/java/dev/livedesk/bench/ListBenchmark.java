package dev.livedesk.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.livedesk.chat.ConversationFilter;
import dev.livedesk.chat.ConversationStatus;
import dev.livedesk.chat.ConversationStore;
import dev.livedesk.chat.PageRequest;
import dev.livedesk.store.Stores;
import dev.livedesk.store.postgres.PostgresStores;
import dev.livedesk.support.Postgres;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The agents' conversation list on PostgreSQL over the reports benchmark's desk (100,000 conversations with eight
 * messages each): the first page of each view, a page deep in the list reached by its cursor, and the tab counts,
 * each timed over several rounds after one unmeasured read.
 */
final class ListBenchmark {

    private static final int PAGE = 50;

    private ListBenchmark() {
    }

    static void run(int conversations, int rounds) throws Exception {
        Postgres.Database database = Postgres.newDatabase().migrated();
        ReportBenchmark.seed(database, conversations);
        try (Stores stores = PostgresStores.create(database.dataSource(), () -> database.dataSource().getConnection(),
                Duration.ofSeconds(1), Duration.ofSeconds(15), new ObjectMapper())) {
            ConversationStore store = stores.conversations();
            System.out.printf("%n== the conversation list over %,d conversations (PostgreSQL), pages of %d ==%n",
                    conversations, PAGE);
            ConversationFilter open = new ConversationFilter(null, true, null, false, null, null);
            ConversationFilter resolved = new ConversationFilter(ConversationStatus.RESOLVED, null, false, null);
            ConversationFilter queued = new ConversationFilter(ConversationStatus.QUEUED, null, false, null);
            time("all open, first page", rounds, () -> store.list(open, new PageRequest(false, null, PAGE + 1)));
            time("queue, first page", rounds, () -> store.list(queued, new PageRequest(false, null, PAGE + 1)));
            time("resolved, newest first, first page", rounds,
                    () -> store.list(resolved, new PageRequest(true, null, PAGE + 1)));
            long middle = store.list(ConversationFilter.ALL, new PageRequest(false, null, conversations / 2))
                    .get(conversations / 2 - 1).position();
            time("everything, the page after the 50,000th", rounds,
                    () -> store.list(ConversationFilter.ALL, new PageRequest(false, middle, PAGE + 1)));
            time("tab counts", rounds, () -> store.counts("agent1", null));
        }
    }

    private static void time(String what, int rounds, Supplier<?> read) {
        read.get();
        List<String> millis = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            long begin = System.nanoTime();
            read.get();
            millis.add(String.format("%.1f", (System.nanoTime() - begin) / 1e6));
        }
        System.out.printf("%-45s ms: %s%n", what, millis);
    }
}
