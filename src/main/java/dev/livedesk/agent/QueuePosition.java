package dev.livedesk.agent;

/**
 * A queued conversation's place, as its customer is told in {@code queue} events.
 *
 * @param position             1 for the next to be served
 * @param estimatedWaitSeconds the expected wait from now, or null while no agent is online
 * @param agentsOnline         agents ONLINE now
 */
public record QueuePosition(int position, Long estimatedWaitSeconds, int agentsOnline) {
}
