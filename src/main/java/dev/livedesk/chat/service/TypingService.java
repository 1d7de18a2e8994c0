package dev.livedesk.chat.service;

import dev.livedesk.chat.Sender;
import dev.livedesk.auth.Caller;
import dev.livedesk.config.LiveDeskConfig;
import dev.livedesk.event.EventTypes;
import dev.livedesk.event.StreamKey;
import dev.livedesk.stream.StreamHub;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/**
 * Typing indicators: ephemeral {@code typing} events (no id, never stored) on the conversation's stream only;
 * agents see a customer typing on the stream of the conversation they have open, not on the agents' stream. A
 * "typing" that is not refreshed ends by itself after
 * {@code livedesk.typing.timeout}, so a closed tab never leaves a dot blinking.
 */
@ApplicationScoped
public class TypingService {

    private final StreamHub hub;
    private final ChatEvents events;
    private final ExpiringSignals signals;

    public TypingService(StreamHub hub, ChatEvents events, LiveDeskConfig config) {
        this.hub = hub;
        this.events = events;
        this.signals = new ExpiringSignals("livedesk-typing", config.typing().timeout().toMillis());
    }

    /** Reports that the caller started (or refreshed) or stopped typing in the conversation. */
    public void typing(Caller caller, String conversationId, boolean typing) {
        Sender sender = Sender.of(caller);
        signals.report(conversationId + "|" + sender.role() + "|" + sender.id(), typing,
                () -> send(conversationId, sender, false));
        send(conversationId, sender, typing);
    }

    private void send(String conversationId, Sender sender, boolean typing) {
        String data = events.encode(Map.of("conversationId", conversationId, "sender", sender, "typing", typing));
        hub.publishEphemeral(StreamKey.conversation(conversationId), EventTypes.TYPING, data);
    }

    @PreDestroy
    void stop() {
        signals.stop();
    }
}
