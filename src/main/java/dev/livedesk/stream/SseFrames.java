package dev.livedesk.stream;

import dev.livedesk.event.StoredEvent;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The bytes of server-sent events, encoded once and written as they are to every subscriber's connection.
 *
 * <p>Why not JAX-RS' {@code SseEventSink.send}: in Quarkus 3.30 through 3.33 it serializes the event again for every
 * sink (and a stream served through JAX-RS keeps its whole request context for its lifetime, see
 * {@link StreamEndpoints}).
 * Names and ids here never come from client input (ids are numbers, names are constants) and data is always one
 * line of JSON, so no field can break the framing. The layout matches Quarkus' own serializer ({@code name:value}, no space).
 */
final class SseFrames {

    /**
     * A heartbeat: an empty comment. A new buffer, not a constant: a Vert.x buffer in a static field would be built
     * at native-image build time and carry a run-time-only Netty buffer into the image heap.
     */
    static Buffer heartbeat() {
        return frame(":\n\n");
    }

    private SseFrames() {
    }

    /** A durable event: id, name and data. */
    static Buffer event(StoredEvent event) {
        return frame("id:" + event.id() + "\nevent:" + event.type() + "\ndata:" + event.data() + "\n\n");
    }

    /** The first frame of every stream: an empty comment and how long to wait before reconnecting. */
    static Buffer retry(long millis) {
        return frame(":\nretry:" + millis + "\n\n");
    }

    /** An event without id: name and data. */
    static Buffer named(String type, String data) {
        return frame("event:" + type + "\ndata:" + data + "\n\n");
    }

    /**
     * The same bytes in memory off the heap, for a frame written to many connections: the socket layer writes such a
     * buffer as it is, where it copies a heap buffer into a direct one for every connection. Not pooled, so nothing has to count its readers: the garbage collector frees it
     * with the frame.
     */
    static Buffer offHeap(Buffer frame) {
        ByteBuffer direct = ByteBuffer.allocateDirect(frame.length());
        direct.put(frame.getByteBuf().nioBuffer()).flip();
        return Buffer.buffer(Unpooled.wrappedBuffer(direct));
    }

    private static Buffer frame(String text) {
        return Buffer.buffer(text.getBytes(StandardCharsets.UTF_8));
    }
}
