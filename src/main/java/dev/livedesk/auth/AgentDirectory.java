package dev.livedesk.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import dev.livedesk.config.LiveDeskConfig;
import dev.livedesk.error.DeskException;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The agents defined in configuration and the check of their passwords.
 *
 * <p>An unknown username is checked against a fixed hash too, so that the time a failed login takes does not tell
 * which usernames exist.
 */
@ApplicationScoped
public class AgentDirectory {

    /** bcrypt of a random password nobody knows, at the usual cost. */
    private static final byte[] DECOY_HASH =
            "$2a$10$gx17Sgofke9y21uk/LjO9.bjuYK/xNKJ54GK1AiX.oXkIQeeSw91e".getBytes(StandardCharsets.UTF_8);

    /** bcrypt reads at most 72 bytes of a password; a longer one could never have been set. */
    private static final int MAX_PASSWORD_BYTES = 72;

    private final Map<String, Entry> agents = new TreeMap<>();

    public AgentDirectory(LiveDeskConfig config) {
        config.agents().forEach((username, agent) -> agents.put(username, new Entry(
                new AgentAccount(username, username, agent.displayName().orElse(username),
                        Role.valueOf(agent.role().name())),
                agent.passwordHash().getBytes(StandardCharsets.UTF_8))));
    }

    /** The agent whose password matches, or empty. */
    public Optional<AgentAccount> authenticate(String username, String password) {
        Entry entry = agents.get(username);
        byte[] hash = entry == null ? DECOY_HASH : entry.passwordHash;
        byte[] secret = password.getBytes(StandardCharsets.UTF_8);
        if (secret.length > MAX_PASSWORD_BYTES) {
            return Optional.empty();
        }
        boolean verified = BCrypt.verifyer().verify(secret, hash).verified;
        return verified && entry != null ? Optional.of(entry.account) : Optional.empty();
    }

    public Optional<AgentAccount> find(String username) {
        return Optional.ofNullable(agents.get(username)).map(Entry::account);
    }

    /**
     * The account behind an agent's credential. A token outlives an agent taken out of the configuration, so an
     * agent's own request must still find one.
     *
     * @throws DeskException UNAUTHORIZED when the agent no longer exists
     */
    public AgentAccount account(Caller agent) {
        return find(agent.id()).orElseThrow(() -> DeskException.unauthorized("This agent no longer exists"));
    }

    public Collection<AgentAccount> all() {
        return agents.values().stream().map(Entry::account).toList();
    }

    private record Entry(AgentAccount account, byte[] passwordHash) {
    }
}
