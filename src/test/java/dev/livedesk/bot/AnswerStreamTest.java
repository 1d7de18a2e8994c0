package dev.livedesk.bot;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.livedesk.Clocks;
import dev.livedesk.Threads;
import dev.livedesk.auth.AgentDirectory;
import dev.livedesk.chat.Conversation;
import dev.livedesk.chat.ConversationStatus;
import dev.livedesk.chat.ConversationStore;
import dev.livedesk.chat.MessageEntry;
import dev.livedesk.chat.service.ChatEvents;
import dev.livedesk.event.EventDraft;
import dev.livedesk.event.EventTypes;
import dev.livedesk.store.Stores;
import dev.livedesk.store.memory.MemoryStores;
import dev.livedesk.stream.StreamHub;
import dev.livedesk.stream.StreamMetrics;
import dev.livedesk.support.TestConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class AnswerStreamTest {

    private final Stores stores = MemoryStores.create(100);
    private final ScheduledExecutorService pacer = Threads.scheduler("test-pacer");
    private final ExecutorService storeCalls = Executors.newSingleThreadExecutor(Threads.daemon("test-store"));
    private final List<String> storeThreads = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() throws Exception {
        pacer.shutdownNow();
        storeCalls.shutdownNow();
        stores.close();
    }

    @Test
    void thePacingThreadNeverCallsTheStore() throws Exception {
        ConversationStore recording = (ConversationStore) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{ConversationStore.class}, (proxy, method, args) -> {
                    storeThreads.add(Thread.currentThread().getName());
                    try {
                        return method.invoke(stores.conversations(), args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        var config = TestConfig.with(Map.of("livedesk.auth.signing-key", "a-test-signing-key-of-at-least-32-bytes"));
        ChatEvents events = new ChatEvents(new ObjectMapper().findAndRegisterModules()
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS), new AgentDirectory(config));
        StreamHub hub = new StreamHub(config, stores.events(), stores.bus(), new StreamMetrics(new SimpleMeterRegistry()));
        stores.conversations().createConversation(Conversation.open("c1", "cust", "Ann", null, ConversationStatus.BOT,
                Clocks.system().instant()), List.of(new EventDraft(EventTypes.CONVERSATION, "c1", "{}")));
        AnswerStream answers = new AnswerStream(recording, events, hub, Clocks.system(), 1, pacer, storeCalls,
                new SimpleMeterRegistry().counter("answers"));

        answers.stream("c1", "Every day from nine to five, and on Saturdays until noon.").get(10, TimeUnit.SECONDS);

        assertThat(stores.conversations().messages("c1", 0, 10)).extracting(MessageEntry::message)
                .extracting(message -> message.text())
                .containsExactly("Every day from nine to five, and on Saturdays until noon.");
        assertThat(storeThreads).isNotEmpty().allMatch("test-store"::equals);
    }
}
