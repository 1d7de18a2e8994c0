package dev.livedesk.stream;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/**
 * Test-only: sets the server sockets' send buffer when {@code test.http.send-buffer-bytes} is given (only
 * {@link SmallSocketBuffersProfile} does), so that a client that stops reading has a backlog after a few events
 * instead of after megabytes. Quarkus has no setting of its own for it.
 */
@ApplicationScoped
public class SendBufferCustomizer implements HttpServerOptionsCustomizer {

    private final Optional<Integer> sendBufferBytes;

    public SendBufferCustomizer(@ConfigProperty(name = "test.http.send-buffer-bytes") Optional<Integer> sendBufferBytes) {
        this.sendBufferBytes = sendBufferBytes;
    }

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        sendBufferBytes.ifPresent(options::setSendBufferSize);
    }
}
