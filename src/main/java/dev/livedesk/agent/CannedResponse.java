package dev.livedesk.agent;

/**
 * A reply agents insert by typing {@code /} and its shortcut in the composer.
 *
 * @param shortcut what follows the {@code /}: 1 to 32 lower-case letters, digits, {@code -} and {@code _}
 * @param lang     the language the text is in ({@code en}, {@code zh}, …), so the console can offer the customer's
 */
public record CannedResponse(String shortcut, String title, String text, String lang) {
}
