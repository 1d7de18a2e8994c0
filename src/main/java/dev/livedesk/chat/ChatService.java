package dev.livedesk.chat;

import dev.livedesk.auth.Caller;
import dev.livedesk.auth.TokenService;
import dev.livedesk.config.LiveDeskConfig;
import dev.livedesk.error.DeskException;
import dev.livedesk.event.EventLog;
import dev.livedesk.web.Params;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/** The rules of conversations and messages: who may say what, and what gets stored and streamed. */
@ApplicationScoped
public class ChatService {

    static final int MAX_NAME_CHARS = 100;
    static final int MAX_TOPIC_CHARS = 200;
    static final int DEFAULT_PAGE = 50;
    static final int MAX_PAGE = 200;
    private static final Pattern CLIENT_MESSAGE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final String DEFAULT_CUSTOMER_NAME = "Guest";

    private final ConversationStore store;
    private final EventLog log;
    private final TokenService tokens;
    private final ChatEvents events;
    private final LifecycleService lifecycle;
    private final CustomerMessageListener assistant;
    private final Event<ConversationMoved> moved;
    private final int maxMessageChars;
    private final boolean botEnabled;
    private final Clock clock = Conversation.CLOCK;

    public ChatService(ConversationStore store, EventLog log, TokenService tokens, ChatEvents events,
                       LifecycleService lifecycle, CustomerMessageListener assistant, Event<ConversationMoved> moved,
                       LiveDeskConfig config) {
        this.store = store;
        this.log = log;
        this.tokens = tokens;
        this.events = events;
        this.lifecycle = lifecycle;
        this.assistant = assistant;
        this.moved = moved;
        this.maxMessageChars = config.limits().maxMessageChars();
        this.botEnabled = config.bot().enabled();
    }

    /**
     * Opens a conversation for a new customer and issues the customer's token. It starts with the assistant when
     * the assistant is enabled, else in the queue.
     */
    public ConversationStarted start(StartConversationRequest request) {
        String name = TextRules.optional(request == null ? null : request.customerName(), "customerName", MAX_NAME_CHARS);
        String topic = TextRules.optional(request == null ? null : request.topic(), "topic", MAX_TOPIC_CHARS);
        Conversation conversation = Conversation.open(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                name == null ? DEFAULT_CUSTOMER_NAME : name, topic,
                botEnabled ? ConversationStatus.BOT : ConversationStatus.QUEUED, clock.instant());
        store.createConversation(conversation, events.conversation(ConversationEvent.CREATED, conversation));
        moved.fire(new ConversationMoved(null, conversation));
        String token = tokens.issueCustomer(conversation.customerId(), conversation.customerName(), conversation.id());
        return new ConversationStarted(conversation, token);
    }

    /** The conversation and its newest event id. The caller must have been authorized for it. */
    public ConversationState state(String conversationId) {
        Conversation conversation = existing(conversationId);
        return new ConversationState(conversation, store.lastEventId(conversationId));
    }

    /** Fails with 404 unless the conversation exists. */
    public Conversation existing(String conversationId) {
        return store.conversation(conversationId)
                .orElseThrow(() -> DeskException.notFound("No conversation " + conversationId));
    }

    /** Conversations for agents: all, or one status, or one agent's. */
    public List<Conversation> list(ConversationStatus status, String assigneeId) {
        return store.conversations(status, assigneeId);
    }

    /** The same, with the newest event id read first, so a stream resumed from it misses nothing. */
    public ConversationList listFrom(ConversationStatus status, String assigneeId) {
        long lastEventId = log.lastEventId();
        return new ConversationList(store.conversations(status, assigneeId), lastEventId);
    }

    /**
     * Posts a message as the caller. A clientMessageId seen before in this conversation returns the original
     * message and emits nothing. A customer's message reopens a resolved conversation, and goes to the assistant
     * while the assistant has the conversation.
     */
    public PostedMessage post(Caller caller, String conversationId, PostMessageRequest request) {
        if (request == null) {
            throw DeskException.invalid("invalid-body", "A JSON body with \"text\" is required");
        }
        String text = TextRules.required(request.text(), "text", maxMessageChars);
        String clientMessageId = request.clientMessageId();
        if (clientMessageId != null && !CLIENT_MESSAGE_ID.matcher(clientMessageId).matches()) {
            throw DeskException.invalid("invalid-client-message-id",
                    "clientMessageId must be 1 to 64 characters of A-Z a-z 0-9 . _ : -");
        }
        existing(conversationId);
        Sender sender = Sender.of(caller);
        Message message = new Message(UUID.randomUUID().toString(), conversationId, sender, text, clock.instant(),
                clientMessageId);
        MessageAppend append = store.appendMessage(message, events.message(message));
        if (append.created() && !caller.isAgent()) {
            Conversation current = append.conversation();
            if (current.status() == ConversationStatus.RESOLVED) {
                current = lifecycle.reopen(conversationId);
            }
            if (current.status() == ConversationStatus.BOT) {
                assistant.onCustomerMessage(current, message);
            }
        }
        return new PostedMessage(append.entry(), append.created());
    }

    /**
     * Moves the caller's side's read mark to {@code upTo} and emits a {@code read} event; a mark at or below the
     * current one changes nothing.
     */
    public ConversationState read(Caller caller, String conversationId, ReadRequest request) {
        if (request == null || request.upTo() == null || request.upTo() < 1) {
            throw DeskException.invalid("invalid-upTo", "upTo must be the id of an event of this conversation");
        }
        existing(conversationId);
        long upTo = request.upTo();
        if (upTo > store.lastEventId(conversationId)) {
            throw DeskException.invalid("invalid-upTo", "upTo is after the conversation's newest event");
        }
        Sender reader = Sender.of(caller);
        store.change(conversationId, current -> current.markRead(caller.isAgent(), upTo).map(updated ->
                new Change(updated, List.of(Change.Emit.event(events.read(updated, reader, upTo))))));
        return state(conversationId);
    }

    /** A page of the conversation's messages after an event id. */
    public MessagePage messages(String conversationId, String after, String limit) {
        existing(conversationId);
        long afterId = after == null || after.isEmpty() ? 0 : Params.eventId(after, "after");
        int pageSize = limit == null || limit.isEmpty() ? DEFAULT_PAGE : Params.count(limit, "limit", MAX_PAGE);
        long lastEventId = store.lastEventId(conversationId);
        List<MessageEntry> page = store.messages(conversationId, afterId, pageSize + 1);
        boolean hasMore = page.size() > pageSize;
        return new MessagePage(conversationId, hasMore ? page.subList(0, pageSize) : page, hasMore, lastEventId);
    }

}
