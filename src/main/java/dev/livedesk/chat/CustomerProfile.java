package dev.livedesk.chat;

/**
 * What the desk knows about the customer of one conversation, for the agents' sidebar. All fields may be null.
 *
 * @param email     given by the customer, validated
 * @param locale    the language the widget runs in (e.g. {@code en}, {@code zh-CN})
 * @param page      the address of the page the widget was opened on, as the widget reported it
 * @param userAgent the browser's User-Agent header, cut to {@value #MAX_USER_AGENT} characters
 * @param address   the client address the conversation was started from; agents are not shown it
 */
public record CustomerProfile(String email, String locale, String page, String userAgent, String address) {

    public static final int MAX_USER_AGENT = 512;
    public static final CustomerProfile NONE = new CustomerProfile(null, null, null, null, null);

    public CustomerProfile {
        if (userAgent != null && userAgent.length() > MAX_USER_AGENT) {
            userAgent = userAgent.substring(0, MAX_USER_AGENT);
        }
    }
}
