package dev.livedesk.chat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.livedesk.auth.Caller;
import dev.livedesk.auth.TokenService;
import dev.livedesk.config.LiveDeskConfig;
import dev.livedesk.store.ChatStore;
import dev.livedesk.store.EventDraft;
import dev.livedesk.store.EventTypes;
import dev.livedesk.store.MessageAppend;
import dev.livedesk.web.ApiException;
import dev.livedesk.web.Params;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
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

    private final ChatStore store;
    private final TokenService tokens;
    private final ObjectMapper json;
    private final int maxMessageChars;
    private final Clock clock = Clock.systemUTC();

    public ChatService(ChatStore store, TokenService tokens, ObjectMapper json, LiveDeskConfig config) {
        this.store = store;
        this.tokens = tokens;
        this.json = json;
        this.maxMessageChars = config.limits().maxMessageChars();
    }

    /** Opens a conversation for a new customer and issues the customer's token. */
    public ConversationStarted start(StartConversationRequest request) {
        String name = TextRules.optional(request == null ? null : request.customerName(), "customerName", MAX_NAME_CHARS);
        String topic = TextRules.optional(request == null ? null : request.topic(), "topic", MAX_TOPIC_CHARS);
        Instant now = clock.instant();
        Conversation conversation = new Conversation(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                name == null ? DEFAULT_CUSTOMER_NAME : name, topic, ConversationStatus.QUEUED, null, now, now);
        store.createConversation(conversation, new EventDraft(EventTypes.CONVERSATION, conversation.id(),
                encode(new ConversationEvent(conversation.id(), ConversationEvent.CREATED, conversation))));
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
                .orElseThrow(() -> ApiException.notFound("No conversation " + conversationId));
    }

    /**
     * Posts a message as the caller. A clientMessageId seen before in this conversation returns the original
     * message and emits nothing.
     */
    public PostedMessage post(Caller caller, String conversationId, PostMessageRequest request) {
        if (request == null) {
            throw ApiException.badRequest("invalid-body", "A JSON body with \"text\" is required");
        }
        String text = TextRules.required(request.text(), "text", maxMessageChars);
        String clientMessageId = request.clientMessageId();
        if (clientMessageId != null && !CLIENT_MESSAGE_ID.matcher(clientMessageId).matches()) {
            throw ApiException.badRequest("invalid-client-message-id",
                    "clientMessageId must be 1 to 64 characters of A-Z a-z 0-9 . _ : -");
        }
        existing(conversationId);
        Sender sender = caller.isAgent()
                ? Sender.agent(caller.id(), caller.name())
                : Sender.customer(caller.id(), caller.name());
        Message message = new Message(UUID.randomUUID().toString(), conversationId, sender, text, clock.instant(),
                clientMessageId);
        MessageAppend append = store.appendMessage(message, new EventDraft(EventTypes.MESSAGE, conversationId,
                encode(new MessageEvent(conversationId, message))));
        return new PostedMessage(append.entry(), append.created());
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

    private String encode(Object payload) {
        try {
            return json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot encode " + payload.getClass().getSimpleName(), e);
        }
    }
}
