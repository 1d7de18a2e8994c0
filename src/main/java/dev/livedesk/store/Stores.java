package dev.livedesk.store;

import dev.livedesk.agent.PresenceStore;
import dev.livedesk.bot.UnansweredStore;
import dev.livedesk.chat.AttachmentStore;
import dev.livedesk.chat.ConversationStore;
import dev.livedesk.event.ClusterLock;
import dev.livedesk.event.EphemeralBus;
import dev.livedesk.event.EventLog;
import dev.livedesk.inbox.InboxStore;
import dev.livedesk.report.ReportStore;

/**
 * One storage's implementations of every port, built together because they share its state (the memory store's
 * lock, the PostgreSQL store's connections and feed). Chosen once at start-up; closing it releases what the
 * storage holds (threads, the listening connection, this replica's lease).
 *
 * @param kind what operators configure and see: {@code memory}, {@code embedded} or {@code postgres}
 */
public record Stores(String kind, EventLog events, ConversationStore conversations, PresenceStore presence,
                     ClusterLock clusterLock, EphemeralBus bus, AttachmentStore attachments,
                     ReportStore reports, UnansweredStore unanswered, InboxStore inboxes,
                     AutoCloseable resources) implements AutoCloseable {

    /** The same implementations under another kind's name, releasing {@code after} once their own resources are. */
    public Stores as(String otherKind, AutoCloseable after) {
        return new Stores(otherKind, events, conversations, presence, clusterLock, bus, attachments, reports,
                unanswered, inboxes, () -> {
                    try {
                        resources.close();
                    } finally {
                        after.close();
                    }
                });
    }

    @Override
    public void close() throws Exception {
        resources.close();
    }
}
