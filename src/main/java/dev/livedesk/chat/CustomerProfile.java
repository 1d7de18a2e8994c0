package dev.livedesk.chat;

/**
 * What the desk knows about the customer of one conversation, for the agents' sidebar. All fields may be null.
 *
 * @param email     given by the customer, validated
 * @param locale    the language the widget runs in (e.g. {@code en}, {@code zh-CN})
 * @param page      the address of the page the widget was opened on, as the widget reported it
 * @param userAgent the browser's User-Agent header, cut to {@value #MAX_USER_AGENT} characters
 * @param address   the client address the conversation was started from; agents are not shown it
 * @param followUp  how the customer asked to be answered when nobody was there ({@value #BY_EMAIL}), or null
 * @param identifier the customer's identifier on the website that identified them ({@code setUser}), or null
 * @param verified   whether the website proved that identifier with its identity secret; an unverified one links
 *                   nothing
 */
public record CustomerProfile(String email, String locale, String page, String userAgent, String address,
                              String followUp, String identifier, boolean verified) {

    /** The customer left an email while the desk was closed: answer there. */
    public static final String BY_EMAIL = "email";

    public static final int MAX_USER_AGENT = 512;
    public static final CustomerProfile NONE = new CustomerProfile(null, null, null, null, null, null);

    public CustomerProfile {
        if (userAgent != null && userAgent.length() > MAX_USER_AGENT) {
            userAgent = userAgent.substring(0, MAX_USER_AGENT);
        }
        verified = verified && identifier != null;
    }

    /** A profile of an anonymous customer: no identifier. */
    public CustomerProfile(String email, String locale, String page, String userAgent, String address,
                           String followUp) {
        this(email, locale, page, userAgent, address, followUp, null, false);
    }

    /** The same profile with the email the customer left to be answered at. */
    public CustomerProfile followUpAt(String emailAddress) {
        return new CustomerProfile(emailAddress, locale, page, userAgent, address, BY_EMAIL, identifier, verified);
    }

    /** The same profile with the identity the customer's website gave. */
    public CustomerProfile identifiedAs(String id, boolean proven) {
        return new CustomerProfile(email, locale, page, userAgent, address, followUp, id, proven);
    }
}
