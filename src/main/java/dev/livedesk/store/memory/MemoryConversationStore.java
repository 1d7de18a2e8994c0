package dev.livedesk.store.memory;

import dev.livedesk.chat.Attachment;
import dev.livedesk.chat.Change;
import dev.livedesk.chat.Changed;
import dev.livedesk.chat.UnknownConversationException;
import dev.livedesk.chat.Conversation;
import dev.livedesk.chat.ConversationFilter;
import dev.livedesk.chat.ConversationStatus;
import dev.livedesk.chat.ConversationStore;
import dev.livedesk.chat.Message;
import dev.livedesk.chat.MessageAppend;
import dev.livedesk.chat.MessageEntry;
import dev.livedesk.chat.Note;
import dev.livedesk.chat.NoteEntry;
import dev.livedesk.chat.QueueOrder;
import dev.livedesk.chat.SearchTerms;
import dev.livedesk.chat.Summary;
import dev.livedesk.chat.CustomerProfile;
import dev.livedesk.chat.ViewCounts;
import dev.livedesk.chat.PageRequest;
import dev.livedesk.event.EventDraft;
import dev.livedesk.event.StoredEvent;

import java.util.ArrayList;
import java.util.Comparator;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Conversations on the heap; every write holds the event log's lock, which makes it atomic with its events. Each
 * conversation keeps its newest {@code maxMessages} messages and as many notes; an older message's
 * {@code clientMessageId} is forgotten with it. Conversations themselves are kept for the life of the process.
 */
public final class MemoryConversationStore implements ConversationStore {

    private final MemoryEventLog log;
    private final MemoryAttachmentStore attachments;
    private final Map<String, Entry> conversations = new LinkedHashMap<>();
    /** The same conversations by their position in creation order, for paged lists. */
    private final NavigableMap<Long, Entry> byOrder = new TreeMap<>();
    /**
     * Each status' conversations, oldest first: routing and the desk status read the queue and the assigned ones at
     * every move, which must not cost a pass over every conversation ever held, under the lock every write needs.
     */
    private final Map<ConversationStatus, NavigableMap<Long, Entry>> byStatus = new EnumMap<>(ConversationStatus.class);
    private final int maxMessages;
    private long createdSoFar;

    public MemoryConversationStore(MemoryEventLog log, MemoryAttachmentStore attachments, int maxMessages) {
        this.log = log;
        this.attachments = attachments;
        this.maxMessages = maxMessages;
    }

    @Override
    public List<StoredEvent> createConversation(Conversation conversation, List<EventDraft> created) {
        synchronized (log.lock()) {
            if (conversations.containsKey(conversation.id())) {
                throw new IllegalStateException("conversation exists: " + conversation.id());
            }
            Entry entry = new Entry(conversation, ++createdSoFar, maxMessages);
            conversations.put(conversation.id(), entry);
            byOrder.put(entry.order, entry);
            inStatus(conversation.status()).put(entry.order, entry);
            return created.stream().map(draft -> log.append(draft.inInbox(conversation.inboxId()))).toList();
        }
    }

    @Override
    public Optional<Conversation> conversation(String id) {
        synchronized (log.lock()) {
            return Optional.ofNullable(conversations.get(id)).map(entry -> entry.conversation);
        }
    }

    @Override
    public MessageAppend appendMessage(Message message, EventDraft event) {
        synchronized (log.lock()) {
            Entry entry = existing(message.conversationId());
            if (message.clientMessageId() != null) {
                MessageEntry original = entry.byClientMessageId.get(message.clientMessageId());
                if (original != null) {
                    return new MessageAppend(original, null, entry.conversation);
                }
            }
            attachments.claim(message.conversationId(), message.attachments().stream().map(Attachment.Ref::id).toList(),
                    message.id());
            StoredEvent stored = log.append(event.inInbox(entry.conversation.inboxId()));
            entry.add(new MessageEntry(stored.id(), message));
            return new MessageAppend(new MessageEntry(stored.id(), message), stored, entry.conversation);
        }
    }

    @Override
    public NoteEntry appendNote(Note note, EventDraft event) {
        synchronized (log.lock()) {
            Entry entry = existing(note.conversationId());
            NoteEntry stored = new NoteEntry(log.append(event.inInbox(entry.conversation.inboxId())).id(), note);
            entry.addNote(stored);
            return stored;
        }
    }

    @Override
    public Changed change(String conversationId, Function<Conversation, Optional<Change>> decide) {
        synchronized (log.lock()) {
            Entry entry = existing(conversationId);
            Conversation original = entry.conversation;
            Optional<Change> change = decide.apply(original);
            if (change.isEmpty()) {
                return Changed.nothing(original);
            }
            ConversationStatus before = original.status();
            entry.conversation = change.get().conversationFor(conversationId);
            if (entry.conversation.status() != before) {
                inStatus(before).remove(entry.order);
                inStatus(entry.conversation.status()).put(entry.order, entry);
            }
            List<StoredEvent> stored = new ArrayList<>();
            for (Change.Emit emit : change.get().emits()) {
                StoredEvent event = log.append(emit.event().inInbox(entry.conversation.inboxId()));
                if (emit.message() != null) {
                    entry.add(new MessageEntry(event.id(), emit.message()));
                }
                stored.add(event);
            }
            return Changed.stored(original, entry.conversation, stored);
        }
    }

    @Override
    public List<Conversation> conversations(ConversationStatus status, String assigneeId) {
        ConversationFilter filter = new ConversationFilter(status, assigneeId, false, null);
        synchronized (log.lock()) {
            return (status == null ? conversations.values() : inStatus(status).values()).stream()
                    .map(entry -> entry.conversation).filter(filter::matches).toList();
        }
    }

    @Override
    public List<String> queue() {
        return queued().stream().map(Conversation::id).toList();
    }

    @Override
    public List<Queued> queuedWithInboxes() {
        return queued().stream().map(conversation -> new Queued(conversation.id(), conversation.inboxId())).toList();
    }

    private List<Conversation> queued() {
        List<Conversation> queued;
        synchronized (log.lock()) {
            queued = inStatus(ConversationStatus.QUEUED).values().stream().map(entry -> entry.conversation).toList();
        }
        return QueueOrder.of(queued);
    }

    @Override
    public Map<String, Integer> assignedCounts() {
        Map<String, Integer> counts = new HashMap<>();
        synchronized (log.lock()) {
            for (Entry entry : inStatus(ConversationStatus.ASSIGNED).values()) {
                if (entry.conversation.assigneeId() != null) {
                    counts.merge(entry.conversation.assigneeId(), 1, Integer::sum);
                }
            }
        }
        return counts;
    }

    private NavigableMap<Long, Entry> inStatus(ConversationStatus status) {
        return byStatus.computeIfAbsent(status, any -> new TreeMap<>());
    }

    @Override
    public List<Summarized> list(ConversationFilter filter, PageRequest page) {
        synchronized (log.lock()) {
            NavigableMap<Long, Entry> rest = page.after() == null ? byOrder
                    : page.newestFirst() ? byOrder.headMap(page.after(), false) : byOrder.tailMap(page.after(), false);
            List<Summarized> found = new ArrayList<>();
            for (Entry entry : (page.newestFirst() ? rest.descendingMap() : rest).values()) {
                if (found.size() == page.limit()) {
                    break;
                }
                if (filter.matches(entry.conversation)) {
                    found.add(new Summarized(entry.conversation, Summary.of(entry.conversation, entry.messages),
                            entry.order));
                }
            }
            return found;
        }
    }

    @Override
    public ViewCounts counts(String agentId, Set<String> inboxIds) {
        synchronized (log.lock()) {
            int queue = 0;
            int mine = 0;
            int open = 0;
            int offline = 0;
            int unread = 0;
            for (Entry entry : conversations.values()) {
                Conversation c = entry.conversation;
                if (c.status() == ConversationStatus.RESOLVED
                        || (inboxIds != null && !inboxIds.contains(c.inboxId()))) {
                    continue;
                }
                open++;
                boolean queued = c.status() == ConversationStatus.QUEUED;
                boolean ours = c.status() == ConversationStatus.ASSIGNED && agentId.equals(c.assigneeId());
                queue += queued ? 1 : 0;
                mine += ours ? 1 : 0;
                offline += CustomerProfile.BY_EMAIL.equals(c.profile().followUp()) ? 1 : 0;
                if (queued || ours) {
                    unread += Summary.of(c, entry.messages).unread();
                }
            }
            return new ViewCounts(queue, mine, open, offline, unread);
        }
    }

    /** Scans everything: fine for the one process this store serves. */
    @Override
    public List<Found> search(List<String> terms, Set<String> inboxIds, int limit) {
        synchronized (log.lock()) {
            List<Found> found = new ArrayList<>();
            List<Entry> newestFirst = new ArrayList<>(conversations.values());
            Collections.reverse(newestFirst);
            for (Entry entry : newestFirst) {
                if (inboxIds != null && !inboxIds.contains(entry.conversation.inboxId())) {
                    continue;
                }
                String matched = null;
                long matchedAt = -1;
                for (int i = entry.messages.size() - 1; i >= 0 && matched == null; i--) {
                    String text = entry.messages.get(i).message().text();
                    if (SearchTerms.matches(SearchTerms.of(text), terms)) {
                        matched = text;
                        matchedAt = entry.messages.get(i).eventId();
                    }
                }
                for (int i = entry.notes.size() - 1; i >= 0; i--) {
                    NoteEntry note = entry.notes.get(i);
                    if (note.eventId() > matchedAt && SearchTerms.matches(SearchTerms.of(note.note().text()), terms)) {
                        matched = note.note().text();
                        break;
                    }
                }
                if (matched != null || SearchTerms.matches(SearchTerms.of(SearchTerms.profileText(entry.conversation)), terms)) {
                    found.add(new Found(entry.conversation, matched));
                    if (found.size() == limit) {
                        break;
                    }
                }
            }
            return found;
        }
    }

    @Override
    public List<Conversation> ofCustomer(String customerId, String email) {
        synchronized (log.lock()) {
            List<Conversation> found = new ArrayList<>();
            for (Entry entry : conversations.values()) {
                Conversation conversation = entry.conversation;
                if (conversation.customerId().equals(customerId)
                        || (email != null && email.equalsIgnoreCase(conversation.profile().email()))) {
                    found.add(0, conversation);
                }
            }
            return found;
        }
    }

    @Override
    public List<MessageEntry> messages(String conversationId, long afterEventId, int limit) {
        synchronized (log.lock()) {
            return page(existing(conversationId).messages, MessageEntry::eventId, afterEventId, limit);
        }
    }

    @Override
    public List<NoteEntry> notes(String conversationId, long afterEventId, int limit) {
        synchronized (log.lock()) {
            return page(existing(conversationId).notes, NoteEntry::eventId, afterEventId, limit);
        }
    }

    private static <T> List<T> page(List<T> entries, ToLongFunction<T> eventId, long afterEventId, int limit) {
        List<T> page = new ArrayList<>(Math.min(limit, 64));
        for (T entry : entries) {
            if (eventId.applyAsLong(entry) > afterEventId) {
                page.add(entry);
                if (page.size() == limit) {
                    break;
                }
            }
        }
        return page;
    }

    @Override
    public long lastEventId(String conversationId) {
        return log.lastEventId(conversationId);
    }

    /** The conversations created in {@code [from, to)}, oldest first. */
    List<Conversation> createdIn(Instant from, Instant to, Set<String> inboxIds) {
        synchronized (log.lock()) {
            return conversations.values().stream().map(entry -> entry.conversation)
                    .filter(conversation -> within(conversation.createdAt(), from, to)
                            && (inboxIds == null || inboxIds.contains(conversation.inboxId())))
                    .sorted(Comparator.comparing(Conversation::createdAt)).toList();
        }
    }

    /** When each message sent in {@code [from, to)} was sent, in no particular order. */
    List<Instant> messagesSentIn(Instant from, Instant to, Set<String> inboxIds) {
        synchronized (log.lock()) {
            List<Instant> sent = new ArrayList<>();
            for (Entry entry : conversations.values()) {
                if (inboxIds != null && !inboxIds.contains(entry.conversation.inboxId())) {
                    continue;
                }
                for (MessageEntry message : entry.messages) {
                    if (within(message.message().sentAt(), from, to)) {
                        sent.add(message.message().sentAt());
                    }
                }
            }
            return sent;
        }
    }

    private static boolean within(Instant at, Instant from, Instant to) {
        return !at.isBefore(from) && at.isBefore(to);
    }

    /** Whether the conversation exists; callers hold the log's lock. */
    boolean exists(String conversationId) {
        return conversations.containsKey(conversationId);
    }

    private Entry existing(String conversationId) {
        Entry entry = conversations.get(conversationId);
        if (entry == null) {
            throw new UnknownConversationException(conversationId);
        }
        return entry;
    }

    /** One conversation's state and messages. */
    private static final class Entry {
        /** Its place in creation order. */
        private final long order;
        private Conversation conversation;
        private final List<MessageEntry> messages = new ArrayList<>();
        private final List<NoteEntry> notes = new ArrayList<>();
        private final Map<String, MessageEntry> byClientMessageId = new HashMap<>();
        private final int maxMessages;

        private Entry(Conversation conversation, long order, int maxMessages) {
            this.conversation = conversation;
            this.order = order;
            this.maxMessages = maxMessages;
        }

        private void add(MessageEntry message) {
            messages.add(message);
            conversation = conversation.after(message.message());
            if (message.message().clientMessageId() != null) {
                byClientMessageId.put(message.message().clientMessageId(), message);
            }
            if (messages.size() > maxMessages) {
                MessageEntry dropped = messages.remove(0);
                if (dropped.message().clientMessageId() != null) {
                    byClientMessageId.remove(dropped.message().clientMessageId());
                }
            }
        }

        private void addNote(NoteEntry note) {
            notes.add(note);
            if (notes.size() > maxMessages) {
                notes.remove(0);
            }
        }
    }
}
