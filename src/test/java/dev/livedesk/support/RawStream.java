package dev.livedesk.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** Stream requests on a bare socket: for clients that stop reading (or read late), and for the bytes as sent. */
public final class RawStream {

    private RawStream() {
    }

    /**
     * Connects to the stream at {@code path} as a client that has every event up to {@code lastEventId}, with reads
     * that give up after 10 s, and returns the socket with nothing read yet.
     */
    public static Socket resume(URI root, String path, String token, long lastEventId) throws IOException {
        Socket socket = new Socket(root.getHost(), root.getPort());
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\n"
                + "Host: " + root.getHost() + ":" + root.getPort() + "\r\n"
                + "Accept: text/event-stream\r\n"
                + "Authorization: Bearer " + token + "\r\n"
                + "Last-Event-ID: " + lastEventId + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        return socket;
    }

    /**
     * Sends the GET for the stream at {@code path} on a socket with a tiny receive buffer, so that a client that stops
     * reading soon has a backlog, and returns the socket without reading anything from it.
     */
    public static Socket open(String host, int port, String path, String token) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress(host, port), 5000);
        socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nAccept: text/event-stream\r\n"
                + "Authorization: Bearer " + token + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        return socket;
    }
}
