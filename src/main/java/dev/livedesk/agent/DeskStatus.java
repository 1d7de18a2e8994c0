package dev.livedesk.agent;

/**
 * What the chat widget shows before anyone asks anything.
 *
 * @param estimatedWaitSeconds null when nobody is online, so no honest estimate exists
 */
public record DeskStatus(int agentsOnline, int queueLength, Long estimatedWaitSeconds) {
}
