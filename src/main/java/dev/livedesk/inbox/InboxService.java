package dev.livedesk.inbox;

import dev.livedesk.Threads;
import dev.livedesk.auth.AgentAccount;
import dev.livedesk.auth.AgentDirectory;
import dev.livedesk.auth.Caller;
import dev.livedesk.auth.InboxMemberships;
import dev.livedesk.config.LiveDeskConfig;
import dev.livedesk.error.DeskException;
import dev.livedesk.event.Ephemeral;
import dev.livedesk.event.EphemeralBus;
import dev.livedesk.event.EventTypes;
import dev.livedesk.event.StreamKey;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Inboxes: websites or brands, each with its public website token, its private identity secret, the origins that may
 * show its widget and the agents who belong to it. The default inbox comes from configuration ({@code livedesk.inbox.*})
 * and every configured agent belongs to it; admins create and change the others.
 */
@Startup
@ApplicationScoped
public class InboxService implements InboxMemberships {

    private static final Logger LOG = Logger.getLogger(InboxService.class);
    /**
     * How often memberships are read again even without a change notice: a notice from another replica can be lost
     * (PostgreSQL notifications are, while a listener reconnects), and this bounds how long such a loss lasts.
     */
    static final Duration REFRESH = Duration.ofSeconds(30);
    private final SecureRandom random = new SecureRandom();

    private final InboxStore store;
    private final AgentDirectory agents;
    private final EphemeralBus bus;
    private final Clock clock;
    /** Reads memberships again, off the threads that report a change. */
    private final ScheduledThreadPoolExecutor refresher = Threads.scheduler("livedesk-inboxes");
    /**
     * The inboxes (other than the default one) each agent belongs to, as last read from the store: what
     * {@link #isMember} answers from, on event loops, without touching the store. Replaced whole.
     */
    private volatile Map<String, Set<String>> memberships = Map.of();

    public InboxService(InboxStore store, AgentDirectory agents, EphemeralBus bus, LiveDeskConfig config,
                        Clock clock) {
        this.store = store;
        this.agents = agents;
        this.bus = bus;
        this.clock = clock;
        configureDefault(config.inbox());
        reloadMemberships();
        bus.addListener(event -> {
            if (EventTypes.INBOXES.equals(event.type())) {
                refresher.execute(this::refreshMemberships);
            }
        });
        refresher.scheduleWithFixedDelay(this::refreshMemberships, REFRESH.toMillis(), REFRESH.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /**
     * Reads every inbox's members from the store. One read at a time: a read that began before a change committed
     * could otherwise finish after the read that follows the change, and put the old members back.
     */
    private synchronized void reloadMemberships() {
        Map<String, Set<String>> byAgent = new HashMap<>();
        for (Inbox inbox : store.inboxes()) {
            if (!inbox.isDefault()) {
                store.members(inbox.id()).forEach(agent -> byAgent.computeIfAbsent(agent, id -> new HashSet<>())
                        .add(inbox.id()));
            }
        }
        Map<String, Set<String>> frozen = new HashMap<>();
        byAgent.forEach((agent, inboxes) -> frozen.put(agent, Set.copyOf(inboxes)));
        memberships = Map.copyOf(frozen);
    }

    /** {@link #reloadMemberships} on the refresher: a failure keeps what was read last and is retried later. */
    private void refreshMemberships() {
        try {
            reloadMemberships();
        } catch (RuntimeException e) {
            LOG.warnf("Inbox memberships not read again, the last ones stay: %s", e.getMessage());
        }
    }

    /** Tells every replica (and every console) that inboxes changed. */
    private void announceChange() {
        bus.publish(new Ephemeral(StreamKey.AGENTS, EventTypes.INBOXES, "{}"));
    }

    @Override
    public boolean isMember(String agentId, String inboxId) {
        if (Inbox.DEFAULT_ID.equals(inboxId)) {
            return agents.find(agentId).isPresent();
        }
        return memberships.getOrDefault(agentId, Set.of()).contains(inboxId);
    }

    /** Whether there is an inbox with this id. */
    public boolean exists(String inboxId) {
        return store.inbox(inboxId).isPresent();
    }

    @PreDestroy
    void stop() {
        refresher.shutdownNow();
    }

    /** Stores the default inbox as configuration says now; a secret generated at an earlier start is kept. */
    private void configureDefault(LiveDeskConfig.DefaultInbox configured) {
        Optional<Inbox> stored = store.inbox(Inbox.DEFAULT_ID);
        String secret = configured.identitySecret()
                .orElseGet(() -> stored.map(Inbox::identitySecret).orElseGet(() -> random(32)));
        Inbox inbox = new Inbox(Inbox.DEFAULT_ID, InboxRules.name(configured.name()), configured.websiteToken(), secret,
                InboxRules.origins(configured.allowedOrigins().orElse(List.of())), configured.identityVerification(),
                Map.of(), null, stored.map(Inbox::createdAt).orElse(clock.instant()));
        if (stored.isEmpty()) {
            try {
                store.create(inbox);
                return;
            } catch (IllegalArgumentException createdMeanwhile) {
                LOG.debug("Another replica created the default inbox first", createdMeanwhile);
            }
        }
        if (!inbox.equals(stored.orElse(null))) {
            store.update(inbox);
        }
    }

    /** Creates an inbox with a new website token and identity secret. */
    public InboxView create(InboxRequest request) {
        InboxRequest given = required(request);
        Inbox inbox = new Inbox(UUID.randomUUID().toString(), InboxRules.name(given.name()), random(24), random(32),
                InboxRules.origins(given.allowedOrigins()), Boolean.TRUE.equals(given.identityVerification()),
                InboxRules.greeting(given.greeting()), InboxRules.color(given.color()), clock.instant(),
                InboxRules.hours(given.hours()));
        store.create(inbox);
        announceChange();
        return InboxView.of(inbox, List.of(), true);
    }

    /** Changes what an admin may change; the website token and the identity secret stay. */
    public InboxView update(String id, InboxRequest request) {
        InboxRequest given = required(request);
        Inbox current = existing(id);
        refuseConfigured(current);
        Inbox next = new Inbox(current.id(), InboxRules.name(given.name()), current.websiteToken(),
                current.identitySecret(), InboxRules.origins(given.allowedOrigins()),
                Boolean.TRUE.equals(given.identityVerification()), InboxRules.greeting(given.greeting()),
                InboxRules.color(given.color()), current.createdAt(), InboxRules.hours(given.hours()));
        Inbox updated = store.update(next).orElseThrow(() -> DeskException.notFound("No such inbox"));
        announceChange();
        return InboxView.of(updated, members(updated.id()), true);
    }

    /** Replaces the agents of an inbox; each must be a configured agent. */
    public InboxView setMembers(String id, MembersRequest request) {
        Inbox inbox = existing(id);
        refuseConfigured(inbox);
        if (request == null || request.agentIds() == null) {
            throw DeskException.invalid("invalid-members", "agentIds must be a list of agent ids");
        }
        Set<String> agentIds = new LinkedHashSet<>();
        for (String agentId : request.agentIds()) {
            if (agentId == null || agents.find(agentId).isEmpty()) {
                throw DeskException.invalid("unknown-agent", "No agent " + agentId);
            }
            agentIds.add(agentId);
        }
        store.setMembers(id, agentIds);
        reloadMemberships();
        announceChange();
        return InboxView.of(inbox, members(id), true);
    }

    /** Every inbox, with secrets, for an admin; the caller's own inboxes, without secrets, for anyone else. */
    public List<InboxView> visibleTo(Caller caller) {
        if (caller.isAdmin()) {
            return store.inboxes().stream().map(inbox -> InboxView.of(inbox, members(inbox.id()), true)).toList();
        }
        Set<String> mine = inboxesOf(caller.id());
        return store.inboxes().stream().filter(inbox -> mine.contains(inbox.id()))
                .map(inbox -> InboxView.of(inbox, members(inbox.id()), false)).toList();
    }

    /** Every inbox, oldest first. */
    public List<Inbox> all() {
        return store.inboxes();
    }

    /** The ids of the inboxes an agent belongs to: the default one, and those whose members name them. */
    @Override
    public Set<String> inboxesOf(String agentId) {
        Set<String> ids = new LinkedHashSet<>();
        if (agents.find(agentId).isPresent()) {
            ids.add(Inbox.DEFAULT_ID);
        }
        ids.addAll(memberships.getOrDefault(agentId, Set.of()));
        return ids;
    }

    /** The agents of an inbox, by id: every configured agent for the default one. */
    public List<String> members(String inboxId) {
        if (Inbox.DEFAULT_ID.equals(inboxId)) {
            return agents.all().stream().map(AgentAccount::id).toList();
        }
        return store.members(inboxId).stream().sorted().toList();
    }

    /**
     * The inbox a new conversation belongs to: the one of the website token, the default one without a token.
     *
     * @throws DeskException 400 {@code unknown-inbox} for a token no inbox has
     */
    public Inbox forWebsiteToken(String websiteToken) {
        if (websiteToken == null) {
            return existing(Inbox.DEFAULT_ID);
        }
        return store.byWebsiteToken(websiteToken)
                .orElseThrow(() -> DeskException.invalid("unknown-inbox", "No inbox has this website token"));
    }

    private Inbox existing(String id) {
        return store.inbox(id).orElseThrow(() -> DeskException.notFound("No such inbox"));
    }

    private static void refuseConfigured(Inbox inbox) {
        if (inbox.isDefault()) {
            throw DeskException.conflict("configured-inbox",
                    "The default inbox is set in configuration (livedesk.inbox.*) and every agent belongs to it");
        }
    }

    private static InboxRequest required(InboxRequest request) {
        if (request == null) {
            throw DeskException.invalid("invalid-inbox", "A JSON body with at least a name is required");
        }
        return request;
    }

    private String random(int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }
}
