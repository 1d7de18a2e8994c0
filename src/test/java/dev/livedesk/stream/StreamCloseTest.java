package dev.livedesk.stream;

import dev.livedesk.Clocks;
import dev.livedesk.chat.Conversation;
import dev.livedesk.chat.ConversationStatus;
import dev.livedesk.chat.Message;
import dev.livedesk.chat.Sender;
import dev.livedesk.event.EventDraft;
import dev.livedesk.event.EventTypes;
import dev.livedesk.event.StreamKey;
import dev.livedesk.support.RawStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A stream that ends while its client is behind still delivers everything written before the end, then the end. */
class StreamCloseTest {

    private static final int EVENTS = 900;
    private final HubServer server = new HubServer();

    StreamCloseTest() throws Exception {
    }

    @AfterEach
    void close() throws Exception {
        server.close();
    }

    @Test
    void aBackloggedStreamThatEndsKeepsItsLastChunk() throws Exception {
        String conversation = "c1";
        server.stores.conversations().createConversation(Conversation.open(conversation, "cust", "Ann", null,
                ConversationStatus.QUEUED, Clocks.system().instant()), List.of(new EventDraft(EventTypes.CONVERSATION,
                conversation, "{\"id\":\"c1\"}")));
        String text = "x".repeat(20_000);
        for (int i = 0; i < EVENTS; i++) {
            server.stores.conversations().appendMessage(new Message(UUID.randomUUID().toString(), conversation,
                    Sender.customer("cust", "Ann"), text, Clocks.system().instant(), null),
                    new EventDraft(EventTypes.MESSAGE, conversation, "{\"text\":\"" + text + "\"}"));
        }
        AtomicInteger gone = new AtomicInteger();
        server.opener = request -> server.hub.open(StreamKey.conversation(conversation), null, request,
                Instant.now(), gone::incrementAndGet);

        try (Socket socket = RawStream.open("127.0.0.1", server.port(), "/", "unused")) {
            await().atMost(Duration.ofSeconds(10)).until(() -> gone.get() == 1);
            String received = readToEnd(socket.getInputStream());

            assertThat(received).endsWith("0\r\n\r\n");
            assertThat(received.split("event:message", -1)).hasSize(EVENTS + 1);
        }
    }

    private static String readToEnd(InputStream in) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        in.transferTo(bytes);
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
