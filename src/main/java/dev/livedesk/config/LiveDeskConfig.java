package dev.livedesk.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Every {@code livedesk.*} setting, bound once at start-up; the README's configuration table lists the same keys.
 */
@ConfigMapping(prefix = "livedesk")
public interface LiveDeskConfig {

    /** Event streams. */
    Stream stream();

    /** Retained history that backs replay. */
    History history();

    /** Token signing and cookies. */
    Auth auth();

    /** Agent accounts by username; the prod profile defines none. */
    Map<String, Agent> agents();

    /** Input limits. */
    Limits limits();

    /** The FAQ assistant. */
    Bot bot();

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
    }

    /** {@code livedesk.history.*}. */
    interface History {
        /** Events kept per conversation for replay; older ones are evicted. */
        @WithDefault("1000")
        int maxEventsPerConversation();
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
    }

    /** {@code livedesk.bot.*}. */
    interface Bot {
        /** Where the knowledge base is: {@code classpath:...} or a file path; YAML, or JSON by extension. */
        @WithDefault("classpath:faq/shop.yaml")
        String knowledgeBase();

        /**
         * Lowest BM25 score that counts as an answer; below it the assistant has none. Calibrated on the shipped
         * knowledge base: off-topic questions scored at most 4.2, customer questions mostly far above 4.5.
         */
        @WithDefault("4.5")
        float minScore();
    }

    /** {@code livedesk.limits.*}. */
    interface Limits {
        /** Longest message text, in characters. */
        @WithDefault("4000")
        int maxMessageChars();
    }
}
