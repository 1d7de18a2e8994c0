package dev.livedesk.web;

import dev.livedesk.Threads;
import dev.livedesk.config.LiveDeskConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The request rate limits: messages per credential, conversations per client address and per inbox, typing per
 * credential.
 */
@ApplicationScoped
public class RateLimits {

    private final RateLimiter messages;
    private final RateLimiter conversations;
    private final RateLimiter typing;
    private final RateLimiter inboxConversations;
    private final ScheduledExecutorService sweeper = Threads.scheduler("livedesk-rate-sweeper");

    public RateLimits(LiveDeskConfig config) {
        LiveDeskConfig.Limits limits = config.limits();
        messages = new RateLimiter("too-many-messages", "Too many messages; slow down",
                limits.messagesPerMinute(), Duration.ofMinutes(1));
        conversations = new RateLimiter("too-many-conversations", "Too many new conversations from this address",
                limits.conversationsPerMinute(), Duration.ofMinutes(1));
        typing = new RateLimiter("too-many-typing-events", "Too many typing events",
                limits.typingPerSecond(), Duration.ofSeconds(1));
        inboxConversations = new RateLimiter("too-many-conversations-for-inbox",
                "This website is receiving too many new conversations; try again shortly",
                limits.conversationsPerInboxPerMinute(), Duration.ofMinutes(1));
        sweeper.scheduleAtFixedRate(() -> List.of(messages, conversations, typing, inboxConversations)
                        .forEach(RateLimiter::sweep),
                1, 1, TimeUnit.MINUTES);
    }

    /** @throws DeskException TOO_MANY when the credential has posted too many messages lately */
    public void message(String credential) {
        messages.take(credential);
    }

    /** @throws DeskException TOO_MANY when the address has started too many conversations lately */
    public void conversation(String address) {
        conversations.take(address);
    }

    /**
     * @param websiteToken the inbox's website token as the request gave it; null for the default inbox
     * @throws DeskException TOO_MANY when the inbox has been sent too many new conversations lately
     */
    public void inboxConversation(String websiteToken) {
        inboxConversations.take(websiteToken == null ? "" : websiteToken);
    }

    /** @throws DeskException TOO_MANY when the credential reports typing too often */
    public void typing(String credential) {
        typing.take(credential);
    }

    @PreDestroy
    void stop() {
        sweeper.shutdownNow();
    }
}
