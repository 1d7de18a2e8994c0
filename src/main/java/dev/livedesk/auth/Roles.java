package dev.livedesk.auth;

/**
 * The role names Quarkus Security checks ({@code @RolesAllowed}). A supervisor holds {@link #AGENT} too, so every
 * agents-only endpoint lets supervisors in, and an admin holds all three.
 */
public final class Roles {

    public static final String CUSTOMER = "customer";
    public static final String AGENT = "agent";
    public static final String SUPERVISOR = "supervisor";
    public static final String ADMIN = "admin";

    private Roles() {
    }

    /** The roles a caller of this kind holds. */
    static java.util.Set<String> of(Role role) {
        return switch (role) {
            case CUSTOMER -> java.util.Set.of(CUSTOMER);
            case AGENT -> java.util.Set.of(AGENT);
            case SUPERVISOR -> java.util.Set.of(AGENT, SUPERVISOR);
            case ADMIN -> java.util.Set.of(AGENT, SUPERVISOR, ADMIN);
        };
    }
}
