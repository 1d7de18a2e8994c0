package dev.livedesk.customer;

/**
 * The answer to {@code POST /api/customers/identify}: who the customer is now, and the token that proves it.
 *
 * @param token a customer credential without a single conversation: it opens this customer's conversations of the
 *              inbox and starts new ones as this customer
 */
public record IdentifiedCustomer(Customer customer, String token) {

    /**
     * @param id       the customer id: the same on every device for a verified identifier, a new one otherwise
     * @param verified whether the website proved the identifier with the inbox's identity secret
     */
    public record Customer(String id, String identifier, String name, String email, boolean verified,
                           String inboxId) {
    }
}
