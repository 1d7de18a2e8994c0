package dev.livedesk.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.livedesk.config.LiveDeskConfig;
import io.quarkus.runtime.Startup;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.HmacKey;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Issues and verifies HS256 JWTs signed with {@code livedesk.auth.signing-key}, so that any replica can check any
 * token without shared session state. Built at start-up so that a missing or short key stops the application.
 *
 * <p>A token once verified is remembered with the caller it proves, up to {@link #REMEMBERED} of them: a customer
 * sends the same token with every message and typing signal, and jose4j's check allocates heavily per token. What
 * a token proves cannot change, as nothing revokes a token before it expires; so a remembered token is checked
 * against its expiry only, by this service's clock, which also bounds what jose4j accepts.
 */
@Startup
@ApplicationScoped
public class TokenService {

    /** HS256 wants a key at least as long as its 256-bit output. */
    static final int MIN_KEY_BYTES = 32;
    private static final String ISSUER = "livedesk";
    private static final String ROLE = "role";
    private static final String NAME = "name";
    private static final String CONVERSATION = "cid";
    private static final String INBOX = "inb";
    private static final String IDENTIFIER = "idf";
    private static final String VERIFIED = "ver";
    /** Enough for every customer and agent of a busy replica; a token that fell out is verified again. */
    private static final int REMEMBERED = 10_000;

    private final SecretKey key;
    private final JwtConsumer consumer;
    private final LiveDeskConfig.Auth settings;
    private final Clock clock;
    private final Cache<String, Caller> verified = Caffeine.newBuilder().maximumSize(REMEMBERED).build();

    @Inject
    public TokenService(LiveDeskConfig config) {
        this(config.auth(), Clock.systemUTC());
    }

    TokenService(LiveDeskConfig.Auth settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        byte[] secret = settings.signingKey()
                .orElseThrow(() -> new IllegalStateException(
                        "livedesk.auth.signing-key is not set: configure a random key of at least 32 bytes"))
                .getBytes(StandardCharsets.UTF_8);
        if (secret.length < MIN_KEY_BYTES) {
            throw new IllegalStateException("livedesk.auth.signing-key must be at least " + MIN_KEY_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.consumer = new JwtConsumerBuilder()
                .setVerificationKey(new HmacKey(secret))
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.HMAC_SHA256)
                .setExpectedIssuer(ISSUER)
                .setRequireExpirationTime()
                .setRequireSubject()
                .build();
    }

    /** A token for the customer of one conversation. */
    public String issueCustomer(String customerId, String name, String conversationId) {
        Instant expires = clock.instant().plus(settings.customerTokenTtl());
        return Jwt.issuer(ISSUER).subject(customerId)
                .claim(ROLE, Role.CUSTOMER.name())
                .claim(NAME, name)
                .claim(CONVERSATION, conversationId)
                .issuedAt(clock.instant())
                .expiresAt(expires)
                .jws().algorithm(SignatureAlgorithm.HS256)
                .sign(key);
    }

    /**
     * A token for a customer a website identified: no single conversation; the customer's own conversations of the
     * inbox, found by the customer id.
     */
    public String issueIdentified(String customerId, String name, String inboxId, String identifier, boolean verified) {
        Instant expires = clock.instant().plus(settings.customerTokenTtl());
        return Jwt.issuer(ISSUER).subject(customerId)
                .claim(ROLE, Role.CUSTOMER.name())
                .claim(NAME, name)
                .claim(INBOX, inboxId)
                .claim(IDENTIFIER, identifier)
                .claim(VERIFIED, verified)
                .issuedAt(clock.instant())
                .expiresAt(expires)
                .jws().algorithm(SignatureAlgorithm.HS256)
                .sign(key);
    }

    /** A token for an agent or a supervisor: the role rides in the signed token. */
    public String issueAgent(String username, String name, Role role) {
        if (!role.isStaff()) {
            throw new IllegalArgumentException("an agent's token needs a staff role, not " + role);
        }
        Instant expires = clock.instant().plus(settings.agentTokenTtl());
        return Jwt.issuer(ISSUER).subject(username)
                .claim(ROLE, role.name())
                .claim(NAME, name)
                .issuedAt(clock.instant())
                .expiresAt(expires)
                .jws().algorithm(SignatureAlgorithm.HS256)
                .sign(key);
    }

    /** The caller a token proves, or empty when it is malformed, forged, tampered with or expired. */
    public Optional<Caller> verify(String token) {
        Caller caller = verified.getIfPresent(token);
        if (caller == null) {
            caller = check(token).orElse(null);
            if (caller == null) {
                return Optional.empty();
            }
            verified.put(token, caller);
        }
        return clock.instant().isBefore(caller.expiresAt()) ? Optional.of(caller) : Optional.empty();
    }

    private Optional<Caller> check(String token) {
        try {
            JwtClaims claims = consumer.processToClaims(token);
            String role = claims.getStringClaimValue(ROLE);
            String conversation = claims.getStringClaimValue(CONVERSATION);
            Instant expiresAt = Instant.ofEpochSecond(claims.getExpirationTime().getValue());
            if (Role.AGENT.name().equals(role) || Role.SUPERVISOR.name().equals(role) || Role.ADMIN.name().equals(role)) {
                return Optional.of(new Caller(Role.valueOf(role), claims.getSubject(), claims.getStringClaimValue(NAME), null,
                        expiresAt));
            }
            String inbox = claims.getStringClaimValue(INBOX);
            if (Role.CUSTOMER.name().equals(role) && conversation == null && inbox != null) {
                return Optional.of(new Caller(Role.CUSTOMER, claims.getSubject(), claims.getStringClaimValue(NAME),
                        null, expiresAt, inbox, claims.getStringClaimValue(IDENTIFIER),
                        Boolean.TRUE.equals(claims.getClaimValue(VERIFIED, Boolean.class))));
            }
            if (Role.CUSTOMER.name().equals(role) && conversation != null) {
                return Optional.of(new Caller(Role.CUSTOMER, claims.getSubject(), claims.getStringClaimValue(NAME),
                        conversation, expiresAt));
            }
            return Optional.empty();
        } catch (InvalidJwtException | MalformedClaimException e) {
            return Optional.empty();
        }
    }

    /** How long a token issued now lives, for the cookie's Max-Age. */
    public Duration ttl(Role role) {
        return role.isStaff() ? settings.agentTokenTtl() : settings.customerTokenTtl();
    }
}
