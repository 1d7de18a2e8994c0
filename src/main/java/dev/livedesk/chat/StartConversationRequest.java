package dev.livedesk.chat;

/**
 * Body of {@code POST /api/conversations}; every field optional.
 *
 * @param email  the customer's email, for follow-up and to find their earlier conversations
 * @param locale the language the widget runs in
 * @param page   the address of the page the widget was opened on
 * @param websiteToken the inbox's public token (the snippet's {@code data-website-token}); the default inbox without
 */
public record StartConversationRequest(String customerName, String topic, String email, String locale, String page,
                                       String websiteToken) {

    public static final StartConversationRequest EMPTY = new StartConversationRequest(null, null, null, null, null,
            null);
}
