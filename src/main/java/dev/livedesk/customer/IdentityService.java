package dev.livedesk.customer;

import dev.livedesk.auth.TokenService;
import dev.livedesk.chat.TextRules;
import dev.livedesk.error.DeskException;
import dev.livedesk.inbox.Inbox;
import dev.livedesk.inbox.InboxService;
import jakarta.enterprise.context.ApplicationScoped;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;

/**
 * Customers a website tells LiveDesk about. The website's server computes {@code identifierHash}, the hex of
 * HMAC-SHA256 of the customer's identifier keyed with the inbox's identity secret (as with Chatwoot and Intercom), so
 * only that server can vouch for an identifier. A verified identifier has one customer id per inbox, the same on
 * every browser and device; an unverified one (allowed only where the inbox does not require verification) gets a new
 * customer id each time, so it links nothing.
 */
@ApplicationScoped
public class IdentityService {

    static final int MAX_IDENTIFIER_CHARS = 200;
    private static final int MAX_NAME_CHARS = 100;

    private final InboxService inboxes;
    private final TokenService tokens;

    public IdentityService(InboxService inboxes, TokenService tokens) {
        this.inboxes = inboxes;
        this.tokens = tokens;
    }

    /**
     * @throws DeskException 400 for an unknown website token or a malformed identifier; 401 {@code invalid-identity}
     *                       for a wrong hash, or none where the inbox requires one; nothing is created then
     */
    public IdentifiedCustomer identify(IdentifyRequest request) {
        if (request == null) {
            throw DeskException.invalid("invalid-identifier", "A JSON body with identifier is required");
        }
        Inbox inbox = inboxes.forWebsiteToken(request.websiteToken());
        String identifier = identifier(request.identifier());
        String name = TextRules.optional(request.name(), "name", MAX_NAME_CHARS);
        String email = TextRules.email(request.email());
        boolean verified;
        if (request.identifierHash() != null) {
            if (!matches(inbox.identitySecret(), identifier, request.identifierHash())) {
                throw DeskException.unauthorized("invalid-identity", "The identifier hash does not match");
            }
            verified = true;
        } else if (inbox.identityVerification()) {
            throw DeskException.unauthorized("invalid-identity", "This website requires a verified identity");
        } else {
            verified = false;
        }
        String customerId = verified ? customerId(inbox.id(), identifier) : UUID.randomUUID().toString();
        String shownName = name == null ? identifier : name;
        return new IdentifiedCustomer(new IdentifiedCustomer.Customer(customerId, identifier, shownName, email,
                verified, inbox.id()), tokens.issueIdentified(customerId, shownName, inbox.id(), identifier, verified));
    }

    /** The one customer id of a verified identifier in an inbox. */
    static String customerId(String inboxId, String identifier) {
        return UUID.nameUUIDFromBytes(("livedesk-identity\n" + inboxId + "\n" + identifier)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The hex of HMAC-SHA256 of the identifier keyed with the secret, compared in constant time. */
    static boolean matches(String secret, String identifier, String identifierHash) {
        byte[] expected = HexFormat.of().formatHex(hmac(secret, identifier)).getBytes(StandardCharsets.US_ASCII);
        byte[] given = identifierHash.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given);
    }

    static byte[] hmac(String secret, String identifier) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(identifier.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static String identifier(String identifier) {
        if (identifier == null || identifier.isBlank() || identifier.length() > MAX_IDENTIFIER_CHARS
                || identifier.chars().anyMatch(Character::isISOControl)) {
            throw DeskException.invalid("invalid-identifier",
                    "identifier must be 1 to " + MAX_IDENTIFIER_CHARS + " characters, without control characters");
        }
        return identifier;
    }
}
