package dev.livedesk.store.memory;

import dev.livedesk.store.Stores;

/** The store of a single process: everything on the heap, gone when the process stops. */
public final class MemoryStores {

    private MemoryStores() {
    }

    /** The newest messages (and notes) a conversation keeps unless told otherwise. */
    public static final int DEFAULT_MAX_MESSAGES = 10_000;

    /** @param maxEventsPerConversation events each conversation retains for replay */
    public static Stores create(int maxEventsPerConversation) {
        return create(maxEventsPerConversation, DEFAULT_MAX_MESSAGES);
    }

    /**
     * @param maxEventsPerConversation events each conversation (and the events of no conversation together) retains
     *                                 for replay
     * @param maxMessagesPerConversation messages, and notes, each conversation keeps for its history
     */
    public static Stores create(int maxEventsPerConversation, int maxMessagesPerConversation) {
        MemoryEventLog log = new MemoryEventLog(maxEventsPerConversation);
        MemoryAttachmentStore attachments = new MemoryAttachmentStore(log);
        MemoryConversationStore conversations = new MemoryConversationStore(log, attachments,
                maxMessagesPerConversation);
        return new Stores("memory", log, conversations, new MemoryPresenceStore(log, conversations),
                new MemoryClusterLock(), new LocalEphemeralBus(), attachments, new MemoryReportStore(conversations),
                new MemoryUnansweredStore(), new MemoryInboxStore(), () -> { });
    }
}
