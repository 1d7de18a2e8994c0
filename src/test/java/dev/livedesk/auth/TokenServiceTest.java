package dev.livedesk.auth;

import dev.livedesk.config.LiveDeskConfig;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenServiceTest {

    private static final String KEY = "unit-test-signing-key-of-enough-length";

    static TokenService service(String key) {
        return new TokenService(settings(key), Clock.systemUTC());
    }

    private static LiveDeskConfig.Auth settings(String key) {
        return new LiveDeskConfig.Auth() {
            @Override
            public Optional<String> signingKey() {
                return Optional.ofNullable(key);
            }

            @Override
            public Duration customerTokenTtl() {
                return Duration.ofHours(24);
            }

            @Override
            public Duration agentTokenTtl() {
                return Duration.ofHours(12);
            }

            @Override
            public boolean secureCookie() {
                return true;
            }
        };
    }

    @Test
    void verifiesACustomerTokenItIssued() {
        TokenService tokens = service(KEY);
        Caller caller = tokens.verify(tokens.issueCustomer("cust-1", "Ann", "conv-1")).orElseThrow();
        assertThat(caller.role()).isEqualTo(Role.CUSTOMER);
        assertThat(caller.id()).isEqualTo("cust-1");
        assertThat(caller.name()).isEqualTo("Ann");
        assertThat(caller.conversationId()).isEqualTo("conv-1");
        assertThat(caller.mayAccess("conv-1")).isTrue();
        assertThat(caller.mayAccess("conv-2")).isFalse();
    }

    @Test
    void verifiesAnAgentTokenItIssued() {
        TokenService tokens = service(KEY);
        Caller caller = tokens.verify(tokens.issueAgent("alice", "Alice", Role.AGENT)).orElseThrow();
        assertThat(caller.isAgent()).isTrue();
        assertThat(caller.mayAccess("any")).isTrue();
    }

    @Test
    void aSupervisorsTokenCarriesTheRole() {
        TokenService tokens = service(KEY);
        Caller supervisor = tokens.verify(tokens.issueAgent("alice", "Alice", Role.SUPERVISOR)).orElseThrow();
        Caller agent = tokens.verify(tokens.issueAgent("bob", "Bob", Role.AGENT)).orElseThrow();
        assertThat(supervisor.isSupervisor()).isTrue();
        assertThat(supervisor.isAgent()).isTrue();
        assertThat(agent.isSupervisor()).isFalse();
    }

    @Test
    void rejectsATokenSignedWithAnotherKey() {
        String forged = service("some-other-signing-key-of-enough-length").issueAgent("alice", "Alice", Role.AGENT);
        assertThat(service(KEY).verify(forged)).isEmpty();
    }

    @Test
    void rejectsAnExpiredToken() {
        Clock twoDaysAgo = Clock.fixed(Instant.now().minus(Duration.ofDays(2)), ZoneOffset.UTC);
        String expired = new TokenService(settings(KEY), twoDaysAgo).issueCustomer("c", "Ann", "conv");
        assertThat(service(KEY).verify(expired)).isEmpty();
    }

    @Test
    void rejectsAnUnsignedToken() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
        String body = b64.encodeToString(("{\"iss\":\"livedesk\",\"sub\":\"x\",\"role\":\"AGENT\",\"exp\":"
                + (Instant.now().getEpochSecond() + 3600) + "}").getBytes(StandardCharsets.UTF_8));
        assertThat(service(KEY).verify(header + "." + body + ".")).isEmpty();
    }

    @Test
    void rejectsGarbage() {
        assertThat(service(KEY).verify("")).isEmpty();
        assertThat(service(KEY).verify("a.b.c")).isEmpty();
    }

    @Test
    void refusesToStartWithoutAKey() {
        assertThatThrownBy(() -> service(null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("livedesk.auth.signing-key");
    }

    @Test
    void refusesToStartWithAShortKey() {
        assertThatThrownBy(() -> service("too-short")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("32 bytes");
    }

    /** A clock the test moves. */
    private static final class MovingClock extends Clock {
        private Instant now = Instant.now();

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void aTokenVerifiedBeforeIsRefusedOnceItExpires() {
        MovingClock clock = new MovingClock();
        TokenService tokens = new TokenService(settings(KEY), clock);
        String token = tokens.issueCustomer("c", "Ann", "conv");
        assertThat(tokens.verify(token)).isPresent();
        clock.now = clock.now.plus(Duration.ofHours(24)).plusSeconds(1);
        assertThat(tokens.verify(token)).isEmpty();
    }

    @Test
    void aTokenAlteredAfterTheRealOneWasVerifiedIsRefused() {
        TokenService tokens = service(KEY);
        String token = tokens.issueAgent("alice", "Alice", Role.AGENT);
        assertThat(tokens.verify(token)).isPresent();
        int inSignature = token.length() - 10;
        char swapped = token.charAt(inSignature) == 'A' ? 'B' : 'A';
        String altered = token.substring(0, inSignature) + swapped + token.substring(inSignature + 1);
        assertThat(tokens.verify(altered)).isEmpty();
        assertThat(tokens.verify(token)).isPresent();
    }
}
