package dev.livedesk.store.memory;

import dev.livedesk.store.Stores;

/** The store of a single process: everything on the heap, gone when the process stops. */
public final class MemoryStores {

    private MemoryStores() {
    }

    /** @param maxEventsPerConversation events each conversation retains for replay */
    public static Stores create(int maxEventsPerConversation) {
        MemoryEventLog log = new MemoryEventLog(maxEventsPerConversation);
        MemoryAttachmentStore attachments = new MemoryAttachmentStore(log);
        MemoryConversationStore conversations = new MemoryConversationStore(log, attachments);
        return new Stores("memory", log, conversations, new MemoryPresenceStore(log, conversations),
                new MemoryClusterLock(), new LocalEphemeralBus(), attachments, new MemoryReportStore(conversations),
                new MemoryUnansweredStore(), () -> { });
    }
}
