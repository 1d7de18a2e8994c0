package dev.livedesk.chat;

/**
 * What the console's view tabs count, read at once: queued, assigned to the agent, not resolved, offline messages
 * (not resolved and flagged for an email answer), and the customer messages no agent has read in the queued
 * conversations and the agent's own.
 */
public record ViewCounts(int queue, int mine, int open, int offline, int unread) {
}
