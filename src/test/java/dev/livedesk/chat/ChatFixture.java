package dev.livedesk.chat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.livedesk.auth.AgentDirectory;
import dev.livedesk.auth.TokenService;
import dev.livedesk.config.LiveDeskConfig;
import dev.livedesk.store.Stores;
import dev.livedesk.store.memory.MemoryStores;
import dev.livedesk.support.TestConfig;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;

/** The chat's services on the memory store, wired by hand: unit tests of their rules without Quarkus. */
final class ChatFixture {

    final Stores stores = MemoryStores.create(1000);
    final LiveDeskConfig config;
    final ChatEvents events;
    final LifecycleService lifecycle;
    final ChatService chat;
    final List<ConversationMoved> moves = new ArrayList<>();

    /** @param store wraps the memory conversation store, e.g. to act between two of the service's reads */
    ChatFixture(Map<String, String> settings, UnaryOperator<ConversationStore> store) {
        Map<String, String> all = new HashMap<>(settings);
        all.putIfAbsent("livedesk.auth.signing-key", "a-test-signing-key-of-at-least-32-bytes");
        config = TestConfig.with(all);
        ObjectMapper json = new ObjectMapper().findAndRegisterModules()
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        events = new ChatEvents(json, new AgentDirectory(config));
        ConversationStore conversations = store.apply(stores.conversations());
        lifecycle = new LifecycleService(conversations, events, new Recorded<>(moves));
        chat = new ChatService(conversations, stores.attachments(), stores.events(), new TokenService(config), events,
                lifecycle, (conversation, message) -> { }, new Recorded<>(moves), config);
    }

    ChatFixture() {
        this(Map.of(), UnaryOperator.identity());
    }

    /** A CDI event that only records what is fired. */
    private record Recorded<T>(List<T> fired) implements Event<T> {

        @Override
        public void fire(T event) {
            fired.add(event);
        }

        @Override
        public <U extends T> CompletionStage<U> fireAsync(U event) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends T> CompletionStage<U> fireAsync(U event, NotificationOptions options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Event<T> select(Annotation... qualifiers) {
            return this;
        }

        @Override
        public <U extends T> Event<U> select(Class<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends T> Event<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }
    }
}
