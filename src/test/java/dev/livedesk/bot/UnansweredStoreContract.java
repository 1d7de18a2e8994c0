package dev.livedesk.bot;

import dev.livedesk.bot.UnansweredStore.Unanswered;
import dev.livedesk.store.Stores;
import dev.livedesk.store.StoresFixture;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What every {@link UnansweredStore} promises, run against each implementation. */
public abstract class UnansweredStoreContract extends StoresFixture {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Instant T0 = Instant.parse("2026-11-30T10:00:00.000001Z");

    protected UnansweredStoreContract(Storage storage) {
        super(storage);
    }

    private static Unanswered asked(String text, int seconds, boolean handedOff) {
        return new Unanswered("c-" + seconds, "en", text, handedOff, T0.plusSeconds(seconds));
    }

    @Test
    void questionsReadBackAsAskedNewestFirst() {
        Stores stores = stores();
        Unanswered first = asked("do you sell bikes?", 0, false);
        Unanswered second = new Unanswered("c-1", "zh", "你们卖自行车吗 \u0000 \\", true, T0.plusSeconds(1));
        stores.unanswered().record(first);
        stores.unanswered().record(second);
        UnansweredStore other = elsewhere(stores).unanswered();
        await().atMost(WAIT).until(() -> other.since(T0, 10).size() == 2);
        assertThat(other.since(T0, 10)).containsExactly(second, first);
    }

    @Test
    void onlyQuestionsFromTheStartAreRead() {
        Stores stores = stores();
        stores.unanswered().record(asked("old", 0, false));
        stores.unanswered().record(asked("new", 60, false));
        await().atMost(WAIT).until(() -> stores.unanswered().since(T0, 10).size() == 2);
        assertThat(stores.unanswered().since(T0.plusSeconds(60), 10)).extracting(Unanswered::text)
                .containsExactly("new");
    }

    @Test
    void neverMoreThanAskedFor() {
        Stores stores = stores();
        for (int i = 0; i < 5; i++) {
            stores.unanswered().record(asked("q" + i, i, false));
        }
        await().atMost(WAIT).until(() -> stores.unanswered().since(T0, 10).size() == 5);
        assertThat(stores.unanswered().since(T0, 3)).extracting(Unanswered::text).containsExactly("q4", "q3", "q2");
    }
}
