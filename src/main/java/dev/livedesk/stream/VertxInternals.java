package dev.livedesk.stream;

import io.netty.channel.ChannelPipeline;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.net.impl.ConnectionBase;

import java.util.NoSuchElementException;

/**
 * The Vert.x internals the streams rely on, in one place: {@code VertxInternalsTest} fails if a Vert.x upgrade
 * changes any of them, rather than the streams quietly losing what they do.
 */
final class VertxInternals {

    /** The name Vert.x gives the idle timer ({@code quarkus.http.idle-timeout}) in a connection's pipeline. */
    static final String IDLE_TIMER = "idle";

    private VertxInternals() {
    }

    /**
     * The event loop the calling thread runs, as the context writes to a connection of this loop go through
     * (unwrapped from the duplicated context a request runs on); null off an event loop.
     */
    static Context currentEventLoop() {
        Context current = Vertx.currentContext();
        return current instanceof ContextInternal internal && current.isEventLoopContext() ? internal.unwrap() : null;
    }

    /**
     * Takes the idle timer out of an HTTP/1.1 connection's pipeline. Returns false, changing nothing, for a
     * connection that is not Vert.x's own socket connection (e.g. one an HTTP/2 stream shares).
     */
    static boolean removeIdleTimer(HttpConnection connection) {
        if (!(connection instanceof ConnectionBase base)) {
            return false;
        }
        ChannelPipeline pipeline = base.channel().pipeline();
        try {
            pipeline.remove(IDLE_TIMER);
        } catch (NoSuchElementException noTimer) {
            // no idle timer configured, or the connection closed meanwhile and its pipeline was taken down
        }
        return true;
    }
}
