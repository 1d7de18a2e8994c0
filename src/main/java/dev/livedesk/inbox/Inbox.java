package dev.livedesk.inbox;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A website or brand: its customers' conversations, the agents who belong to it, and what its widget may do.
 *
 * @param id                   stable id; {@value #DEFAULT_ID} for the inbox that comes from configuration
 * @param websiteToken         public: the snippet on the website sends it
 * @param identitySecret       private: the website's server signs its customers' identifiers with it
 * @param allowedOrigins       the origins (scheme, host, port) whose pages may show the widget
 * @param identityVerification whether a customer identity is accepted only with a valid hash
 * @param greeting             the assistant's greeting by language ({@code en}, {@code zh}); empty for the default
 * @param color                the widget's accent colour ({@code #rrggbb}), or null for the default
 * @param hours                its business hours, or null for the configured ones ({@code livedesk.hours.*})
 */
public record Inbox(String id, String name, String websiteToken, String identitySecret, List<String> allowedOrigins,
                    boolean identityVerification, Map<String, String> greeting, String color, Instant createdAt,
                    InboxHours hours) {

    /** An inbox with the configured business hours. */
    public Inbox(String id, String name, String websiteToken, String identitySecret, List<String> allowedOrigins,
                 boolean identityVerification, Map<String, String> greeting, String color, Instant createdAt) {
        this(id, name, websiteToken, identitySecret, allowedOrigins, identityVerification, greeting, color, createdAt,
                null);
    }

    /** The id of the inbox configuration defines. */
    public static final String DEFAULT_ID = "default";

    public Inbox {
        allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
        greeting = greeting == null ? Map.of() : Map.copyOf(greeting);
    }

    @JsonIgnore
    public boolean isDefault() {
        return DEFAULT_ID.equals(id);
    }
}
