package dev.livedesk.store.memory;

import dev.livedesk.event.Ephemeral;
import dev.livedesk.event.EphemeralBus;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** The bus of a single process: publishing is calling the listeners. */
public class LocalEphemeralBus implements EphemeralBus {

    private final List<Consumer<Ephemeral>> listeners = new CopyOnWriteArrayList<>();

    @Override
    public void publish(Ephemeral event) {
        listeners.forEach(listener -> listener.accept(event));
    }

    @Override
    public void addListener(Consumer<Ephemeral> listener) {
        listeners.add(listener);
    }
}
