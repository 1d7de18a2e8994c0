package dev.livedesk.store.memory;

import dev.livedesk.inbox.Inbox;
import dev.livedesk.inbox.InboxStore;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Inboxes on the heap, under one lock. */
final class MemoryInboxStore implements InboxStore {

    private final Map<String, Inbox> inboxes = new HashMap<>();
    private final Map<String, Set<String>> members = new HashMap<>();

    @Override
    public synchronized void create(Inbox inbox) {
        if (inboxes.containsKey(inbox.id())) {
            throw new IllegalArgumentException("an inbox " + inbox.id() + " exists");
        }
        requireFreeToken(inbox);
        inboxes.put(inbox.id(), inbox);
    }

    @Override
    public synchronized Optional<Inbox> update(Inbox inbox) {
        if (!inboxes.containsKey(inbox.id())) {
            return Optional.empty();
        }
        requireFreeToken(inbox);
        inboxes.put(inbox.id(), inbox);
        return Optional.of(inbox);
    }

    private void requireFreeToken(Inbox inbox) {
        boolean taken = inboxes.values().stream().anyMatch(other -> !other.id().equals(inbox.id())
                && other.websiteToken().equals(inbox.websiteToken()));
        if (taken) {
            throw new IllegalArgumentException("another inbox has this website token");
        }
    }

    @Override
    public synchronized Optional<Inbox> inbox(String id) {
        return Optional.ofNullable(inboxes.get(id));
    }

    @Override
    public synchronized Optional<Inbox> byWebsiteToken(String websiteToken) {
        return inboxes.values().stream().filter(inbox -> inbox.websiteToken().equals(websiteToken)).findFirst();
    }

    @Override
    public synchronized List<Inbox> inboxes() {
        return inboxes.values().stream()
                .sorted(Comparator.comparing(Inbox::createdAt).thenComparing(Inbox::id)).toList();
    }

    @Override
    public synchronized void setMembers(String inboxId, Set<String> agentIds) {
        if (!inboxes.containsKey(inboxId)) {
            throw new IllegalArgumentException("no inbox " + inboxId);
        }
        members.put(inboxId, Set.copyOf(agentIds));
    }

    @Override
    public synchronized Set<String> members(String inboxId) {
        return members.getOrDefault(inboxId, Set.of());
    }

    @Override
    public synchronized Set<String> inboxesOf(String agentId) {
        Set<String> of = new HashSet<>();
        members.forEach((inbox, agents) -> {
            if (agents.contains(agentId)) {
                of.add(inbox);
            }
        });
        return Set.copyOf(of);
    }
}
