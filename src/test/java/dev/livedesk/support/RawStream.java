package dev.livedesk.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A stream request on a bare socket with a tiny receive buffer, for clients that stop reading (or read late). */
public final class RawStream {

    private RawStream() {
    }

    /** Sends the GET for the stream at {@code path} and returns the socket without reading anything from it. */
    public static Socket open(String host, int port, String path, String token) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress(host, port), 5000);
        socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nAccept: text/event-stream\r\n"
                + "Authorization: Bearer " + token + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        return socket;
    }
}
