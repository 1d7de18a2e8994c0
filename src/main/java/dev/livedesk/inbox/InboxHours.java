package dev.livedesk.inbox;

/**
 * An inbox's business hours: weekly rules in a time zone, as {@link BusinessHours} reads them.
 *
 * @param timezone an IANA zone id, e.g. {@code Asia/Shanghai}
 * @param weekly   rules such as {@code mon-fri 09:00-18:00; sat 10:00-14:00}; blank is always open
 */
public record InboxHours(String timezone, String weekly) {
}
