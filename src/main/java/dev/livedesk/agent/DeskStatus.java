package dev.livedesk.agent;

import java.time.Instant;

/**
 * What the chat widget shows before anyone asks anything.
 *
 * @param estimatedWaitSeconds null when nobody is online, so no honest estimate exists
 * @param open                 within business hours with at least one agent ONLINE or AWAY: someone will answer
 * @param opensAt              while outside business hours, when they begin next; else null
 * @param offlineMessage       what to tell customers while the desk is not open, by language
 */
public record DeskStatus(int agentsOnline, int queueLength, Long estimatedWaitSeconds, boolean open,
                         Instant opensAt, OfflineMessage offlineMessage) {

    /** The offline message in each language the widget speaks. */
    public record OfflineMessage(String en, String zh) {
    }
}
