package dev.livedesk.event;

import java.util.function.Consumer;

/**
 * Carries ephemeral events (typing, answer drafts, desk status) to the listeners of every replica, this one
 * included.
 *
 * <p>Delivery is best effort, which is all an ephemeral event promises: one may be lost while a replica's
 * connection to the bus is down, and none is ever replayed. Events from one replica arrive in the order it
 * published them.
 */
public interface EphemeralBus {

    void publish(Ephemeral event);

    void addListener(Consumer<Ephemeral> listener);
}
