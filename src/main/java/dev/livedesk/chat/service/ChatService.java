package dev.livedesk.chat.service;

import dev.livedesk.chat.Attachment;
import dev.livedesk.chat.AttachmentStore;
import dev.livedesk.chat.Change;
import dev.livedesk.chat.ContactRequest;
import dev.livedesk.chat.Conversation;
import dev.livedesk.chat.ConversationEvent;
import dev.livedesk.chat.ConversationFilter;
import dev.livedesk.chat.ConversationHistory;
import dev.livedesk.chat.ConversationList;
import dev.livedesk.chat.ConversationMoved;
import dev.livedesk.chat.ConversationStarted;
import dev.livedesk.chat.ConversationState;
import dev.livedesk.chat.ConversationStatus;
import dev.livedesk.chat.ConversationStore;
import dev.livedesk.chat.ConversationView;
import dev.livedesk.chat.CustomerMessageListener;
import dev.livedesk.chat.CustomerProfile;
import dev.livedesk.chat.HistoryEntry;
import dev.livedesk.chat.Labels;
import dev.livedesk.chat.LabelsRequest;
import dev.livedesk.chat.Message;
import dev.livedesk.chat.MessageAppend;
import dev.livedesk.chat.MessagePage;
import dev.livedesk.chat.Note;
import dev.livedesk.chat.NoteEntry;
import dev.livedesk.chat.NoteRequest;
import dev.livedesk.chat.PageRequest;
import dev.livedesk.chat.PostMessageRequest;
import dev.livedesk.chat.PostedMessage;
import dev.livedesk.chat.Rating;
import dev.livedesk.chat.RatingPosted;
import dev.livedesk.chat.RatingRequest;
import dev.livedesk.chat.ReadRequest;
import dev.livedesk.chat.SearchResult;
import dev.livedesk.chat.SearchTerms;
import dev.livedesk.chat.Sender;
import dev.livedesk.chat.StartConversationRequest;
import dev.livedesk.chat.TextRules;
import dev.livedesk.chat.UnknownConversationException;
import dev.livedesk.chat.ViewCounts;
import dev.livedesk.auth.Caller;
import dev.livedesk.auth.InboxScope;
import dev.livedesk.auth.TokenService;
import dev.livedesk.config.LiveDeskConfig;
import dev.livedesk.error.DeskException;
import dev.livedesk.event.EventLog;
import dev.livedesk.inbox.InboxService;
import dev.livedesk.web.Params;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** The rules of conversations and messages: who may say what, and what gets stored and streamed. */
@ApplicationScoped
public class ChatService {

    static final int MAX_NAME_CHARS = 100;
    static final int MAX_TOPIC_CHARS = 200;
    static final int DEFAULT_PAGE = 50;
    static final int MAX_PAGE = 200;
    static final int DEFAULT_SEARCH = 20;
    static final int MAX_ATTACHMENTS = 5;
    static final int MAX_QUERY_CHARS = 200;
    private static final Pattern CLIENT_MESSAGE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final String DEFAULT_CUSTOMER_NAME = "Guest";

    private final ConversationStore store;
    private final AttachmentStore files;
    private final EventLog log;
    private final TokenService tokens;
    private final ChatEvents events;
    private final LifecycleService lifecycle;
    private final CustomerMessageListener assistant;
    private final Event<ConversationMoved> moved;
    private final int maxMessageChars;
    private final boolean botEnabled;
    private final Clock clock;

    private final InboxService inboxes;

    public ChatService(ConversationStore store, AttachmentStore files, EventLog log, TokenService tokens,
                       ChatEvents events, LifecycleService lifecycle, CustomerMessageListener assistant,
                       Event<ConversationMoved> moved, InboxService inboxes, LiveDeskConfig config, Clock clock) {
        this.clock = clock;
        this.inboxes = inboxes;
        this.store = store;
        this.files = files;
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
     * Opens a conversation for a customer and issues the customer's token. It starts with the assistant when the
     * assistant is enabled, else in the queue. A returning customer (one who still holds a valid customer
     * credential) keeps their customer id, so agents see their earlier conversations; a customer their website
     * identified does so in that website's inbox only, and the conversation records the identity.
     *
     * @param returning the customer's earlier credential, or null
     * @param userAgent the browser's User-Agent header, or null
     * @param address   the client address
     */
    public ConversationStarted start(StartConversationRequest request, Caller returning, String userAgent,
                                     String address) {
        StartConversationRequest given = request == null ? StartConversationRequest.EMPTY : request;
        String name = TextRules.optional(given.customerName(), "customerName", MAX_NAME_CHARS);
        String topic = TextRules.optional(given.topic(), "topic", MAX_TOPIC_CHARS);
        String inboxId = inboxes.forWebsiteToken(given.websiteToken()).id();
        CustomerProfile profile = new CustomerProfile(TextRules.email(given.email()), TextRules.locale(given.locale()),
                TextRules.page(given.page()), userAgent == null || userAgent.isBlank() ? null : userAgent, address,
                null);
        String customerId = UUID.randomUUID().toString();
        if (returning != null && returning.isIdentifiedCustomer() && returning.inboxId().equals(inboxId)) {
            customerId = returning.id();
            profile = profile.identifiedAs(returning.identifier(), returning.verified());
            name = name == null ? returning.name() : name;
        } else if (returning != null && !returning.isIdentifiedCustomer()) {
            customerId = returning.id();
        }
        Conversation conversation = Conversation.open(UUID.randomUUID().toString(), customerId,
                name == null ? DEFAULT_CUSTOMER_NAME : name, topic,
                botEnabled ? ConversationStatus.BOT : ConversationStatus.QUEUED, clock.instant(), profile)
                .inInbox(inboxId);
        store.createConversation(conversation, events.conversation(ConversationEvent.CREATED, conversation));
        moved.fire(new ConversationMoved(null, conversation));
        String token = tokens.issueCustomer(conversation.customerId(), conversation.customerName(), conversation.id());
        return new ConversationStarted(events.forCustomer(conversation, queuePosition(conversation)), token);
    }

    /**
     * The conversation in the caller's view and its newest event id. The caller must be authorized for it. The id is
     * read before the conversation: a change committed between the two reads is then in both or after the id, so a
     * stream resumed from it replays what the state does not show, and never misses it.
     */
    public ConversationState state(Caller caller, String conversationId) {
        long lastEventId = store.lastEventId(conversationId);
        Conversation conversation = existing(conversationId);
        Integer position = queuePosition(conversation);
        return new ConversationState(caller.isAgent() ? ConversationView.forAgents(conversation, position)
                : events.forCustomer(conversation, position), lastEventId);
    }

    /** The conversation's place in its inbox's queue, or null when it is not queued. */
    private Integer queuePosition(Conversation conversation) {
        if (conversation.status() != ConversationStatus.QUEUED) {
            return null;
        }
        int place = 0;
        for (ConversationStore.Queued queued : store.queuedWithInboxes()) {
            if (queued.inboxId().equals(conversation.inboxId())) {
                place++;
                if (queued.id().equals(conversation.id())) {
                    return place;
                }
            }
        }
        return null;
    }

    /** Fails with 404 unless the conversation exists. */
    public Conversation existing(String conversationId) {
        return store.conversation(conversationId).orElseThrow(() -> new UnknownConversationException(conversationId));
    }

    /** Conversations for agents: all, or one status, or one agent's. */
    public List<Conversation> list(ConversationStatus status, String assigneeId) {
        return store.conversations(status, assigneeId);
    }

    /**
     * One page of an agent's view of the desk, with the newest event id read first, so a stream resumed from it
     * misses nothing. {@code next} names the page after this one, or is null on the last page.
     */
    public ConversationList listFrom(ConversationFilter filter, PageRequest page) {
        long lastEventId = log.lastEventId();
        List<ConversationStore.Summarized> rows = store.list(filter,
                new PageRequest(page.newestFirst(), page.after(), page.limit() + 1));
        boolean more = rows.size() > page.limit();
        List<ConversationStore.Summarized> shown = more ? rows.subList(0, page.limit()) : rows;
        return new ConversationList(shown.stream().map(row -> new ConversationView.Listed(
                ConversationView.forAgents(row.conversation()), row.summary().unread(), row.summary().lastMessage(),
                row.summary().waitingSince())).toList(), lastEventId,
                more ? String.valueOf(shown.get(shown.size() - 1).position()) : null);
    }

    /**
     * Reads an agent's list request: {@code status} one of the statuses or {@code OPEN} (any but resolved),
     * {@code assignee} {@code me}, {@code none} or an agent's id, {@code label}, {@code followUp} ({@code email}),
     * {@code order} {@code oldest} (default) or {@code newest}, {@code after} a page's {@code next}, {@code limit}
     * 1 to {@value #MAX_PAGE} (default {@value #DEFAULT_PAGE}).
     */
    public ConversationList list(Caller agent, InboxScope scope, String status, String assignee, String label, String followUp,
                                 String order, String after, String limit) {
        boolean open = "OPEN".equals(status);
        ConversationStatus wanted = status == null || status.isEmpty() || open ? null : parseStatus(status);
        boolean unassigned = "none".equals(assignee);
        String assigneeId = assignee == null || assignee.isEmpty() || unassigned ? null
                : "me".equals(assignee) ? agent.id() : assignee;
        String wantedLabel = label == null || label.isEmpty() ? null : Labels.filter(label);
        String wantedFollowUp = followUp == null || followUp.isEmpty() ? null : followUp;
        if (wantedFollowUp != null && !CustomerProfile.BY_EMAIL.equals(wantedFollowUp)) {
            throw DeskException.invalid("invalid-followUp", "followUp must be email");
        }
        if (order != null && !order.isEmpty() && !order.equals("oldest") && !order.equals("newest")) {
            throw DeskException.invalid("invalid-order", "order must be oldest or newest");
        }
        PageRequest page = new PageRequest("newest".equals(order),
                after == null || after.isEmpty() ? null : Params.eventId(after, "after"),
                limit == null || limit.isEmpty() ? DEFAULT_PAGE : Params.count(limit, "limit", MAX_PAGE));
        return listFrom(new ConversationFilter(wanted, open, assigneeId, unassigned, wantedLabel, wantedFollowUp,
                scope.inboxIds()), page);
    }

    /** The counts of the agent's view tabs, over the inboxes of the scope. */
    public ViewCounts counts(Caller agent, InboxScope scope) {
        return store.counts(agent.id(), scope.inboxIds());
    }

    private static ConversationStatus parseStatus(String status) {
        try {
            return ConversationStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw DeskException.invalid("invalid-status",
                    "status must be one of BOT, QUEUED, ASSIGNED, RESOLVED, OPEN");
        }
    }

    /** Conversations whose messages, customer or labels match the query, newest first, with where it matched. */
    public SearchResult search(InboxScope scope, String query, String limit) {
        if (query == null || query.isBlank() || query.length() > MAX_QUERY_CHARS) {
            throw DeskException.invalid("invalid-q", "q must be 1 to " + MAX_QUERY_CHARS + " characters");
        }
        int max = limit == null || limit.isEmpty() ? DEFAULT_SEARCH : Params.count(limit, "limit", MAX_PAGE);
        List<String> terms = SearchTerms.query(query);
        return new SearchResult(store.search(terms, scope.inboxIds(), max).stream().map(found -> new SearchResult.Hit(
                ConversationView.forAgents(found.conversation()),
                SearchTerms.snippet(found.matchedText() != null ? found.matchedText()
                        : SearchTerms.profileText(found.conversation()), terms))).toList());
    }

    /**
     * A customer's own conversations, newest first, as the customer sees them: those of the customer id, and for a
     * customer their website identified, of that website's inbox only.
     */
    public List<ConversationView.ForCustomer> ofCustomer(Caller customer) {
        return store.ofCustomer(customer.id(), null).stream()
                .filter(conversation -> customer.inboxId() == null || conversation.inboxId().equals(customer.inboxId()))
                .map(conversation -> events.forCustomer(conversation, queuePosition(conversation))).toList();
    }

    /**
     * The same customer's other conversations that the agent may see, newest first: those of the same customer id
     * only. A verified identity has one customer id per inbox on every device; an email a visitor typed proves
     * nothing and links nothing.
     */
    public ConversationHistory customerHistory(InboxScope scope, String conversationId) {
        Conversation conversation = existing(conversationId);
        return new ConversationHistory(store.ofCustomer(conversation.customerId(), null)
                .stream().filter(other -> !other.id().equals(conversationId) && scope.includes(other.inboxId()))
                .map(ConversationView::forAgents).toList());
    }

    /** Sets the conversation's labels; an agents-only {@code conversation} event with change {@code labels}. */
    public ConversationState labels(Caller agent, String conversationId, LabelsRequest request) {
        List<String> labels = Labels.checked(request == null ? null : request.labels());
        store.change(conversationId, current -> current.labels().equals(labels) ? Optional.empty()
                : Optional.of(labelled(current, labels)));
        return state(agent, conversationId);
    }

    /** Writes a private note, which only agents ever see. */
    public NoteEntry note(Caller agent, String conversationId, NoteRequest request) {
        String text = TextRules.required(request == null ? null : request.text(), "text", maxMessageChars);
        Note note = new Note(UUID.randomUUID().toString(), conversationId, new Note.Author(agent.id(), agent.name()),
                text, clock.instant());
        return store.appendNote(note, events.note(note));
    }

    /**
     * The customer rates their resolved conversation, once.
     *
     * @throws DeskException FORBIDDEN for agents; CONFLICT {@code not-resolved} or {@code already-rated}
     */
    public RatingPosted rate(Caller caller, String conversationId, RatingRequest request) {
        if (caller.isAgent()) {
            throw DeskException.forbidden("Only the customer rates a conversation");
        }
        if (request == null) {
            throw DeskException.invalid("invalid-score", "A JSON body with \"score\" is required");
        }
        Rating rating = Rating.of(request.score(), request.comment(), clock.instant());
        store.change(conversationId, current -> {
            Conversation rated = current.rated(rating, clock.instant());
            return Optional.of(new Change(rated, List.of(Change.Emit.event(events.rating(rated)))));
        });
        return new RatingPosted(conversationId, rating);
    }

    /**
     * The customer leaves an email to be answered at; see {@link LifecycleService#followUp}.
     *
     * @throws DeskException FORBIDDEN for agents; INVALID without a valid email
     */
    public ConversationState contact(Caller caller, String conversationId, ContactRequest request) {
        if (caller.isAgent()) {
            throw DeskException.forbidden("Only the customer leaves their contact");
        }
        String email = TextRules.email(request == null ? null : request.email());
        if (email == null) {
            throw DeskException.invalid("invalid-email", "email is required");
        }
        existing(conversationId);
        lifecycle.followUp(conversationId, email);
        return state(caller, conversationId);
    }

    private Change labelled(Conversation current, List<String> labels) {
        Conversation updated = current.withLabels(labels, clock.instant());
        return new Change(updated, List.of(Change.Emit.event(events.forAgents(ConversationEvent.LABELS, updated))));
    }

    /**
     * Posts a message as the caller. A clientMessageId seen before in this conversation returns the original
     * message and emits nothing. A customer's message reopens a resolved conversation, and goes to the assistant
     * while the assistant has the conversation. An agent's reply to a conversation nobody has yet (with the assistant
     * or queued) makes it theirs first, so the customer sees who answers and routing hands it to nobody else; the two
     * are consecutive store changes, not one.
     */
    public PostedMessage post(Caller caller, String conversationId, PostMessageRequest request) {
        if (request == null) {
            throw DeskException.invalid("invalid-body", "A JSON body with \"text\" is required");
        }
        List<Attachment.Ref> files = attachments(conversationId, request.attachments());
        String text = files.isEmpty() ? TextRules.required(request.text(), "text", maxMessageChars)
                : Objects.requireNonNullElse(TextRules.optional(request.text(), "text", maxMessageChars), "");
        String clientMessageId = request.clientMessageId();
        if (clientMessageId != null && !CLIENT_MESSAGE_ID.matcher(clientMessageId).matches()) {
            throw DeskException.invalid("invalid-client-message-id",
                    "clientMessageId must be 1 to 64 characters of A-Z a-z 0-9 . _ : -");
        }
        if (caller.isAgent()) {
            lifecycle.takeByReply(caller, conversationId);
        }
        Sender sender = Sender.of(caller);
        Message message = new Message(UUID.randomUUID().toString(), conversationId, sender, text, clock.instant(),
                clientMessageId, files);
        // no read before: the store reads the conversation under its lock anyway, and refuses an unknown one
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
     * The references of the attachments a message names: at most {@value #MAX_ATTACHMENTS}, each an unused
     * attachment of this conversation (the store checks that again, atomically, as the message claims them).
     */
    private List<Attachment.Ref> attachments(String conversationId, List<String> ids) {
        if (ids == null || ids.isEmpty()) {
            return List.of();
        }
        if (ids.size() > MAX_ATTACHMENTS || ids.stream().distinct().count() != ids.size()) {
            throw DeskException.invalid("invalid-attachments",
                    "A message carries at most " + MAX_ATTACHMENTS + " different attachments");
        }
        List<Attachment.Ref> refs = new ArrayList<>();
        for (String id : ids) {
            Attachment found = id == null ? null : files.find(id).filter(attachment ->
                    attachment.conversationId().equals(conversationId) && attachment.messageId() == null).orElse(null);
            if (found == null) {
                throw DeskException.invalid("invalid-attachments",
                        "Attachment " + id + " is not an unused attachment of this conversation");
            }
            refs.add(found.ref());
        }
        return refs;
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
        return state(caller, conversationId);
    }

    /**
     * A page of the conversation's history after an event id: its messages, and for agents its private notes too,
     * merged in event order.
     */
    public MessagePage messages(Caller caller, String conversationId, String after, String limit) {
        existing(conversationId);
        long afterId = after == null || after.isEmpty() ? 0 : Params.eventId(after, "after");
        int pageSize = limit == null || limit.isEmpty() ? DEFAULT_PAGE : Params.count(limit, "limit", MAX_PAGE);
        long lastEventId = store.lastEventId(conversationId);
        List<HistoryEntry> entries = new ArrayList<>();
        store.messages(conversationId, afterId, pageSize + 1).forEach(entry -> entries.add(HistoryEntry.of(entry)));
        if (caller.isAgent()) {
            store.notes(conversationId, afterId, pageSize + 1).forEach(entry -> entries.add(HistoryEntry.of(entry)));
            entries.sort(Comparator.comparingLong(HistoryEntry::eventId));
        }
        boolean hasMore = entries.size() > pageSize;
        return new MessagePage(conversationId, hasMore ? entries.subList(0, pageSize) : entries, hasMore,
                lastEventId);
    }
}
