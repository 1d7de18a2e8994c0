package dev.livedesk.chat;

import dev.livedesk.chat.service.ChatEvents;
import dev.livedesk.chat.service.ChatService;
import dev.livedesk.chat.service.LifecycleService;
import dev.livedesk.Clocks;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.livedesk.auth.AgentDirectory;
import dev.livedesk.auth.TokenService;
import dev.livedesk.config.LiveDeskConfig;
import dev.livedesk.inbox.InboxService;
import dev.livedesk.store.Stores;
import dev.livedesk.store.memory.MemoryStores;
import dev.livedesk.support.RecordedEvent;
import dev.livedesk.support.TestConfig;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
        AgentDirectory agents = new AgentDirectory(config);
        events = new ChatEvents(json, agents);
        ConversationStore conversations = store.apply(stores.conversations());
        InboxService inboxes = new InboxService(stores.inboxes(), agents, stores.bus(), config, Clocks.system());
        lifecycle = new LifecycleService(conversations, events, new RecordedEvent<>(moves), agents,
                agentId -> false, inboxes, Clocks.system());
        chat = new ChatService(conversations, stores.attachments(), stores.events(), new TokenService(config), events,
                lifecycle, (conversation, message) -> { }, new RecordedEvent<>(moves), inboxes, config,
                Clocks.system());
    }

    ChatFixture() {
        this(Map.of(), UnaryOperator.identity());
    }
}
