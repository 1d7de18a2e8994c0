package dev.livedesk.stream;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;

/**
 * Gives a stream its HTTP/1.1 connection to itself, without the server's idle timer.
 *
 * <p>The idle timer ({@code quarkus.http.idle-timeout}) is a handler in every connection's pipeline that adds a
 * listener to every write to note when it happened; on a stream's connection that is a second listener per
 * delivered event, a sizeable share of the fan-out's CPU, and it can never fire there:
 * the heartbeat writes long before it would. A connection without the timer must not go back to serving other
 * requests, or nothing would ever close it when idle; so the response says {@code Connection: close} and the
 * stream closes the connection when it ends ({@link Subscriber#close()}). A client reconnects after {@code retry:}
 * anyway, so nothing is lost by not reusing the connection.
 *
 * <p>HTTP/2 is left as it is: streams share the connection there, and so does its timer.
 */
final class StreamConnections {

    private StreamConnections() {
    }

    /** Takes the request's connection for its stream; returns whether the stream must close it when it ends. */
    static boolean dedicate(HttpServerRequest request) {
        if (request.version() == HttpVersion.HTTP_2 || !VertxInternals.removeIdleTimer(request.connection())) {
            return false;
        }
        request.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
        return true;
    }
}
