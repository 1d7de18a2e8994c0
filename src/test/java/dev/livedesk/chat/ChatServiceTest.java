package dev.livedesk.chat;

import dev.livedesk.auth.Caller;
import dev.livedesk.auth.Role;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class ChatServiceTest {

    private static final Caller AGENT = new Caller(Role.AGENT, "alice", "Alice", null, Instant.MAX);

    @Test
    void aChangeCommittedWhileTheStateIsReadIsNotHiddenBehindItsLastEventId() {
        AtomicReference<Runnable> betweenReads = new AtomicReference<>();
        ChatFixture desk = new ChatFixture(Map.of("livedesk.bot.enabled", "false"), store -> (ConversationStore)
                Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{ConversationStore.class},
                        (proxy, method, args) -> {
                            Object result;
                            try {
                                result = method.invoke(store, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                            Runnable hook = betweenReads.getAndSet(null);
                            if (hook != null && method.getName().equals("conversation")) {
                                hook.run();
                            } else if (hook != null) {
                                betweenReads.set(hook);
                            }
                            return result;
                        }));
        String id = desk.chat.start(null, null, null, "127.0.0.1").conversation().id();
        betweenReads.set(() -> desk.lifecycle.resolve(id));

        ConversationState state = desk.chat.state(AGENT, id);

        long resolvedAt = desk.stores.conversations().lastEventId(id);
        if (state.lastEventId() >= resolvedAt) {
            assertThat(((ConversationView.ForAgents) state.conversation()).status())
                    .as("a state whose lastEventId covers the resolve shows it").isEqualTo(ConversationStatus.RESOLVED);
        } else {
            assertThat(((ConversationView.ForAgents) state.conversation()).status()).isEqualTo(ConversationStatus.QUEUED);
        }
    }
}
