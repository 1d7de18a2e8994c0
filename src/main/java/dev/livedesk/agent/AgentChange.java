package dev.livedesk.agent;

import dev.livedesk.event.EventDraft;

import java.util.List;

/** What one decision about an agent's presence stores: the presence as it becomes, and its events, in order. */
public record AgentChange(AgentPresence presence, List<EventDraft> events) {

    public AgentChange {
        events = List.copyOf(events);
    }
}
