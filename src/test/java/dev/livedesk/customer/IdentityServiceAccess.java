package dev.livedesk.customer;

/** What a website's server computes, for tests of other packages: the HMAC of an identifier. */
public final class IdentityServiceAccess {

    private IdentityServiceAccess() {
    }

    public static byte[] hmac(String secret, String identifier) {
        return IdentityService.hmac(secret, identifier);
    }
}
