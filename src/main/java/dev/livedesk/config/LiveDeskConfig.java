package dev.livedesk.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Every {@code livedesk.*} setting, bound once at start-up; docs/configuration.md lists the same keys.
 */
@ConfigMapping(prefix = "livedesk")
public interface LiveDeskConfig {

    /**
     * Where conversations and events are kept: {@code embedded} (a PostgreSQL server the service runs itself, in
     * {@code livedesk.embedded.data-dir}), {@code postgres} (an external server, for replicas) or {@code memory} (one
     * process, nothing kept across a restart: tests and benchmarks).
     */
    @WithDefault("embedded")
    StoreKind store();

    /** The embedded PostgreSQL server ({@code livedesk.store=embedded}). */
    Embedded embedded();

    /** The PostgreSQL store; the database itself is configured with the standard {@code quarkus.datasource.*}. */
    Postgres postgres();

    /** Event streams. */
    Stream stream();

    /** Retained history that backs replay. */
    History history();

    /** Token signing and cookies. */
    Auth auth();

    /** The default inbox: the website or brand of conversations started without a website token. */
    DefaultInbox inbox();

    /** Agent accounts by username; the prod profile defines none. */
    Map<String, Agent> agents();

    /** Input limits. */
    Limits limits();

    /** Files customers and agents send. */
    Attachments attachments();

    /** Business hours and what the widget says outside them. */
    Hours hours();

    /** The canned responses agents insert with {@code /shortcut}: {@code classpath:…} or a file; YAML, or JSON. */
    @WithDefault("classpath:canned/shop.yaml")
    String cannedResponses();

    /** The FAQ assistant. */
    Bot bot();

    /** Assignment of queued conversations to agents. */
    Routing routing();

    /** Agent presence. */
    Presence presence();

    /** Typing indicators. */
    Typing typing();

    /** Cross-origin access. */
    Http http();

    /** Shutting down. */
    Shutdown shutdown();

    Reports reports();

    /** The kinds of store. */
    enum StoreKind { MEMORY, EMBEDDED, POSTGRES }

    /** {@code livedesk.embedded.*}. */
    interface Embedded {
        /**
         * Where the embedded server keeps its data, relative to the working directory unless absolute. One service
         * per directory: a second one is refused.
         */
        @WithDefault("data")
        String dataDir();

        /** How long the embedded server may take to start (the first start also creates the database). */
        @WithDefault("60s")
        Duration startupTimeout();
    }

    /** {@code livedesk.postgres.*}. */
    interface Postgres {
        /**
         * How often each replica reads new events even without a notification: the bound on how late an event can
         * be when a notification is lost, e.g. while the listening connection reconnects.
         */
        @WithDefault("1s")
        Duration pollInterval();

        /**
         * How long a replica counts as alive after it last said so (it does every third of this): the agents'
         * connections of a replica that stopped answering stop counting after it.
         */
        @WithDefault("15s")
        Duration replicaLease();
    }

    /** {@code livedesk.stream.*}. */
    interface Stream {
        /** Reconnect delay sent as {@code retry:}; each stream adds up to half of it again as jitter. */
        @WithDefault("3000ms")
        Duration retry();

        /** Interval between {@code :} heartbeat comments; a failed heartbeat frees the connection. */
        @WithDefault("15s")
        Duration heartbeat();

        /** Events written to a connection but not yet flushed to its socket; past it the client is disconnected. */
        @WithDefault("1000")
        int maxPending();

        /** Most events one connect or reconnect replays; a longer gap is answered with {@code reset}. */
        @WithDefault("1000")
        int maxReplay();

        /**
         * Durable events that follow each other on a stream closer than this are written together, at most once per
         * window: fewer writes for a stream as busy as the agents'; 0 writes each at once.
         */
        @WithDefault("5ms")
        Duration batchWindow();
    }

    /** {@code livedesk.history.*}. */
    interface History {
        /** Memory store: events kept per conversation (and of no conversation) for replay; older ones are evicted. */
        @WithDefault("1000")
        int maxEventsPerConversation();

        /** Memory store: messages, and notes, kept per conversation for its history; older ones are dropped. */
        @WithDefault("10000")
        int maxMessagesPerConversation();
    }

    /** {@code livedesk.auth.*}. */
    interface Auth {
        /** HMAC key (at least 32 bytes) that signs and verifies tokens; required in prod. */
        Optional<String> signingKey();

        /** Lifetime of a customer's token. */
        @WithDefault("24h")
        Duration customerTokenTtl();

        /** Lifetime of an agent's token. */
        @WithDefault("12h")
        Duration agentTokenTtl();

        /** Whether the token cookies carry {@code Secure}; off in dev and test, which run on plain HTTP. */
        @WithDefault("true")
        boolean secureCookie();
    }

    /** {@code livedesk.agents.<username>.*}. */
    interface Agent {
        /** bcrypt hash ($2a$, $2b$ or $2y$) of the agent's password. */
        String passwordHash();

        /** Name shown to customers; the username when unset. */
        Optional<String> displayName();

        /**
         * {@code agent}, {@code supervisor} (an agent who also reads reports and assigns any conversation) or
         * {@code admin} (a supervisor who also manages inboxes).
         */
        @WithDefault("agent")
        AgentRole role();
    }

    /** What an agent account may do. */
    enum AgentRole { AGENT, SUPERVISOR, ADMIN }

    /** {@code livedesk.bot.*}. */
    interface Bot {
        /** Whether new conversations start with the assistant (BOT) rather than in the queue. */
        @WithDefault("true")
        boolean enabled();

        /** What the assistant says first in every conversation it starts with. */
        Greeting greeting();

        /** Questions in a row the assistant may fail to answer before the conversation goes to the queue. */
        @WithDefault("2")
        int maxMisses();

        /** Words or phrases that ask for a person; any of them in a message hands the conversation over. */
        @WithDefault("human,agent,person,representative,人工,转人工,客服,真人")
        List<String> handoffPhrases();

        /** Pause between the chunks of a streamed answer: a natural reading pace. */
        @WithDefault("60ms")
        Duration deltaInterval();
        /**
         * The longest a question may wait for the assistant's threads and still be ranked with the embedding models:
         * one that waited this long is ranked by BM25 alone, so that an assistant behind a burst of questions answers
         * promptly, if less precisely, instead of falling further behind.
         */
        @WithDefault("2s")
        Duration maxQueueWait();

        /**
         * Threads that rank questions; unset, half the processors, at least one. The embedding models are the
         * heaviest work in the process, and a question can always fall back to BM25 ({@link #maxQueueWait}), while a
         * late event on a stream cannot be made up: the assistant never takes more than half the machine from the
         * event loops.
         */
        OptionalInt threads();

        /** Where the knowledge base is: {@code classpath:...} or a file path; YAML, or JSON by extension. */
        @WithDefault("classpath:faq/shop.yaml")
        String knowledgeBase();

        /**
         * Lowest BM25 score that answers when BM25 ranks alone (embeddings off, or a native image where the model
         * cannot run). Calibrated on the shipped knowledge base: off-topic questions scored at most 4.2.
         */
        @WithDefault("4.5")
        float minScore();

        /**
         * Whether the assistant also ranks with its in-process embedding models (hybrid retrieval); off, BM25 alone.
         */
        @WithDefault("true")
        boolean embeddings();

        /**
         * How often a knowledge base on disk is checked for changes; a change is loaded and swapped in without a
         * restart (a classpath knowledge base never changes while running).
         */
        @WithDefault("5s")
        Duration watchInterval();

        /** Generated answers from an OpenAI-compatible chat-completions endpoint; off unless a base URL is set. */
        Llm llm();
    }

    /** {@code livedesk.bot.llm.*}. */
    interface Llm {
        /** The endpoint's base URL, e.g. {@code https://api.openai.com/v1} or {@code http://localhost:11434/v1}. */
        Optional<String> baseUrl();

        /** The model's name at that endpoint. */
        @WithDefault("gpt-4o-mini")
        String model();

        /** The API key, sent as a Bearer token; a local server may need none. */
        Optional<String> apiKey();

        /**
         * The most a customer waits for a generated answer: past it, or on any error or an empty answer, the
         * retrieved answer is sent instead.
         */
        @WithDefault("8s")
        Duration timeout();
    }

    /** {@code livedesk.attachments.*}. */
    interface Attachments {
        /** The largest file; a larger upload is refused with 413 before its body is read. */
        @WithDefault("10M")
        MemorySize maxBytes();

        /** How long an attachment no message carries is kept before it is deleted. */
        @WithDefault("1h")
        Duration orphanTtl();
    }

    /** {@code livedesk.hours.*}: when the desk is staffed. */
    interface Hours {
        /** The time zone the weekly hours are in. */
        @WithDefault("UTC")
        ZoneId timezone();

        /** Weekly rules such as {@code mon-fri 09:00-18:00; sat 10:00-14:00}; absent means always open. */
        Optional<String> weekly();

        /** What the widget says while the desk is closed, in each language it speaks. */
        OfflineMessage offlineMessage();
    }

    /** {@code livedesk.hours.offline-message.*}. */
    interface OfflineMessage {
        @WithDefault("We are away right now. Leave your email and we will answer you as soon as we are back.")
        String en();

        @WithDefault("我们暂时不在线。请留下您的邮箱，我们上线后会尽快回复您。")
        String zh();
    }

    /** {@code livedesk.routing.*}. */
    interface Routing {
        /** Whether queued conversations go to the least busy online agent by themselves. */
        @WithDefault("true")
        boolean autoAssign();

        /** Open conversations an agent may hold before auto-assignment passes them by. */
        @WithDefault("5")
        int maxChatsPerAgent();
    }

    /** {@code livedesk.presence.*}. */
    interface Presence {
        /** How long an agent may have no agents-stream connection before being set OFFLINE. */
        @WithDefault("30s")
        Duration grace();

        /**
         * A "viewing" marker (an agent has a conversation open) ends by itself this long after its last refresh; the
         * console refreshes it every 10 s.
         */
        @WithDefault("30s")
        Duration viewingTimeout();
    }

    /** {@code livedesk.typing.*}. */
    interface Typing {
        /** A typing indicator ends by itself this long after its last refresh. */
        @WithDefault("6s")
        Duration timeout();
    }

    /** {@code livedesk.inbox.*}: the default inbox; every configured agent belongs to it. */
    interface DefaultInbox {
        /** Its name, as agents see it and as the chat's title. */
        @WithDefault("Support")
        String name();

        /** Its public website token; a conversation started with it, or with none, belongs to the default inbox. */
        @WithDefault("default-website-token")
        String websiteToken();

        /**
         * The secret its website signs customer identifiers with; unset, one is generated at the first start and
         * kept by the store (admins read it from {@code GET /api/inboxes}).
         */
        Optional<String> identitySecret();

        /** The origins whose pages may show its widget; none: only this service's own pages. */
        Optional<List<String>> allowedOrigins();

        /** Whether a customer identity is accepted only with a valid hash. */
        @WithDefault("false")
        boolean identityVerification();
    }

    /** {@code livedesk.bot.greeting.*}. */
    interface Greeting {
        /** Whether a new conversation with the assistant starts with its greeting. */
        @WithDefault("true")
        boolean enabled();

        /** The greeting to a customer whose locale is not Chinese. */
        @WithDefault("Hi! I'm the assistant. Ask me anything, or pick a topic below.")
        String en();

        /** The greeting to a customer whose locale is Chinese ({@code zh…}). */
        @WithDefault("您好！我是智能助理。请直接提问，或选择下面的话题。")
        String zh();

        /** Topics of the knowledge base offered as buttons under the greeting (0 to 4). */
        @WithDefault("4")
        int topics();
    }

    /** {@code livedesk.reports.*}. */
    interface Reports {
        /**
         * A conversation only the assistant had has ended once its customer has written nothing for this long (or
         * once it is resolved); before that it counts as open.
         */
        @WithDefault("30m")
        Duration inactiveAfter();
    }

    /** {@code livedesk.shutdown.*}. */
    interface Shutdown {
        /**
         * On SIGTERM, open streams are closed at random moments spread over this long, so that their clients
         * reconnect to other replicas a few at a time; keep the pod's termination grace period well above it.
         */
        @WithDefault("10s")
        Duration drain();
    }

    /** {@code livedesk.http.*}. */
    interface Http {
        /**
         * Origins (scheme://host[:port]) whose pages may call the API with credentials; none by default, so only
         * the service's own pages can.
         */
        Optional<List<String>> allowedOrigins();
    }

    /** {@code livedesk.limits.*}. */
    interface Limits {
        /** Longest message text, in characters. */
        @WithDefault("4000")
        int maxMessageChars();

        /** Largest request body; a larger one is refused with 413 before it is read. */
        @WithDefault("64K")
        MemorySize maxBody();

        /**
         * Open streams one credential (customer or agent) may hold: an agent console holds two (the agents' stream and
         * the open conversation's), so an agent may keep five tabs open.
         */
        @WithDefault("10")
        int streamsPerToken();

        /** Open streams one client address may hold. */
        @WithDefault("50")
        int streamsPerAddress();

        /** Open streams in this process; keep it below the file-descriptor limit. */
        @WithDefault("15000")
        int maxStreams();

        /** Messages one credential may post per minute. */
        @WithDefault("30")
        int messagesPerMinute();

        /** Conversations one client address may start per minute. */
        @WithDefault("10")
        int conversationsPerMinute();

        /**
         * Conversations one inbox may be sent per minute, from every address together: the website token is public,
         * so this bounds what a flood from many addresses does to one website's agents, and keeps it off the others.
         */
        @WithDefault("600")
        int conversationsPerInboxPerMinute();

        /** Typing reports one credential may send per second. */
        @WithDefault("2")
        int typingPerSecond();

        /** Failed logins for one username before each further attempt waits, twice as long each time. */
        @WithDefault("5")
        int loginFailuresBeforeBackoff();
    }
}
