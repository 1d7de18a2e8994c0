package dev.livedesk.inbox;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An inbox as the API shows it. The identity secret is there for admins only ({@code null}, and left out, for anyone
 * else).
 *
 * @param agentIds the agents who belong to it, by id
 * @param hours    its business hours; absent when the configured ones apply
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InboxView(String id, String name, String websiteToken, String identitySecret,
                        List<String> allowedOrigins, boolean identityVerification, Map<String, String> greeting,
                        String color, Instant createdAt, boolean configured, List<String> agentIds,
                        InboxHours hours) {

    static InboxView of(Inbox inbox, List<String> agentIds, boolean withSecret) {
        return new InboxView(inbox.id(), inbox.name(), inbox.websiteToken(), withSecret ? inbox.identitySecret() : null,
                inbox.allowedOrigins(), inbox.identityVerification(), inbox.greeting(), inbox.color(),
                inbox.createdAt(), inbox.isDefault(), agentIds, inbox.hours());
    }
}
