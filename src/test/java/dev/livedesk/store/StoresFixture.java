package dev.livedesk.store;

import dev.livedesk.Clocks;
import dev.livedesk.chat.Conversation;
import dev.livedesk.chat.ConversationStatus;
import dev.livedesk.chat.Message;
import dev.livedesk.chat.MessageAppend;
import dev.livedesk.chat.Sender;
import dev.livedesk.event.EventDraft;
import dev.livedesk.event.EventTypes;
import org.junit.jupiter.api.AfterEach;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The base of every port's contract suite: each implementation (memory, PostgreSQL) says how to make a fresh
 * storage, and the same tests run against both. Storages made in a test are closed after it.
 */
public abstract class StoresFixture {

    /** How an implementation makes storages for a test. */
    public interface Storage {

        /** A fresh, empty storage: a new process's memory store, or a new PostgreSQL database. */
        Stores fresh();

        /** Another process on the same storage where the implementation has such a thing, else the same one. */
        Stores elsewhere(Stores stores);
    }

    private final Storage storage;
    private final List<Stores> made = new ArrayList<>();

    protected StoresFixture(Storage storage) {
        this.storage = storage;
    }

    protected final Stores stores() {
        Stores stores = storage.fresh();
        made.add(stores);
        return stores;
    }

    protected final Stores elsewhere(Stores stores) {
        Stores other = storage.elsewhere(stores);
        if (other != stores) {
            made.add(other);
        }
        return other;
    }

    @AfterEach
    void closeStores() throws Exception {
        for (Stores stores : made) {
            stores.close();
        }
    }

    public static String conversation(Stores stores, String id) {
        stores.conversations().createConversation(Conversation.open(id, "cust-" + id, "Ann", null,
                ConversationStatus.QUEUED, Clocks.system().instant()), List.of(new EventDraft(EventTypes.CONVERSATION,
                id, "{\"id\":\"" + id + "\"}")));
        return id;
    }

    public static MessageAppend message(Stores stores, String conversationId, String clientMessageId) {
        Message message = new Message(UUID.randomUUID().toString(), conversationId, Sender.customer("cust", "Ann"),
                "hi", Clocks.system().instant(), clientMessageId);
        return stores.conversations().appendMessage(message, new EventDraft(EventTypes.MESSAGE, conversationId,
                "{\"text\":\"hi\"}"));
    }
}
