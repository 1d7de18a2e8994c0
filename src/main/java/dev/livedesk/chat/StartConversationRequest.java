package dev.livedesk.chat;

/**
 * Body of {@code POST /api/conversations}; every field optional.
 *
 * @param email  the customer's email, for follow-up and to find their earlier conversations
 * @param locale the language the widget runs in
 * @param page   the address of the page the widget was opened on
 */
public record StartConversationRequest(String customerName, String topic, String email, String locale, String page) {

    public static final StartConversationRequest EMPTY = new StartConversationRequest(null, null, null, null, null);
}
