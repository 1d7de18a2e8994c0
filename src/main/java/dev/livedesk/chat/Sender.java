package dev.livedesk.chat;

import dev.livedesk.auth.Caller;

/**
 * Who wrote a message. The role is a plain string ({@code customer}, {@code agent}, {@code bot}, {@code system})
 * because that is how it appears on the wire.
 */
public record Sender(String role, String id, String name) {

    public static final String CUSTOMER = "customer";
    public static final String AGENT = "agent";
    public static final String BOT = "bot";
    public static final String SYSTEM = "system";

    public static Sender customer(String id, String name) {
        return new Sender(CUSTOMER, id, name);
    }

    public static Sender agent(String id, String name) {
        return new Sender(AGENT, id, name);
    }

    /** The sender a verified caller writes as. */
    public static Sender of(Caller caller) {
        return caller.isAgent() ? agent(caller.id(), caller.name()) : customer(caller.id(), caller.name());
    }

    /** The assistant. */
    public static Sender bot() {
        return new Sender(BOT, "assistant", "LiveDesk Assistant");
    }

    /** The service itself, for notices such as "Alice joined the conversation". */
    public static Sender system() {
        return new Sender(SYSTEM, "system", "LiveDesk");
    }
}
