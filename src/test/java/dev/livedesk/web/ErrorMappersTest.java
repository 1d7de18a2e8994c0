package dev.livedesk.web;

import dev.livedesk.support.LogCapture;
import io.vertx.core.http.HttpClosedException;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/** What the edge answers and logs for failures that are not a refusal of the domain. */
class ErrorMappersTest {

    private final ErrorMappers mappers = new ErrorMappers();

    @Test
    void aClientThatHungUpWhileItsBodyWasReadIsNoServerError() {
        try (LogCapture log = new LogCapture()) {
            IOException hungUp = new IOException(new IOException(new HttpClosedException("Connection was closed")));
            assertThat(mappers.unexpected(hungUp).getStatus()).isEqualTo(499);
            assertThat(log.errors()).isEmpty();
        }
    }

    @Test
    void anyOtherFailureIsAnInternalErrorAndLogged() {
        try (LogCapture log = new LogCapture()) {
            assertThat(mappers.unexpected(new IllegalStateException("bug")).getStatus()).isEqualTo(500);
            assertThat(log.errors()).hasSize(1);
        }
    }
}
