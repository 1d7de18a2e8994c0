package dev.livedesk.customer;

/**
 * Body of {@code POST /api/customers/identify}.
 *
 * @param websiteToken   the inbox's public token; the default inbox without
 * @param identifier     the customer's id on the website (1 to 200 characters)
 * @param identifierHash hex of HMAC-SHA256 of the identifier keyed with the inbox's identity secret, computed by the
 *                       website's server; without it the identity is unverified (refused where the inbox requires it)
 */
public record IdentifyRequest(String websiteToken, String identifier, String identifierHash, String name,
                              String email) {
}
