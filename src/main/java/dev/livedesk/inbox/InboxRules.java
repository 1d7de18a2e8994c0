package dev.livedesk.inbox;

import dev.livedesk.error.DeskException;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** What an inbox may hold: checked before anything is stored, each refusal a 400 with its own code. */
public final class InboxRules {

    static final int MAX_NAME_CHARS = 100;
    static final int MAX_ORIGINS = 20;
    static final int MAX_GREETING_CHARS = 500;
    static final int MAX_HOURS_CHARS = 500;
    private static final Set<String> LANGUAGES = Set.of("en", "zh");
    private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{6}");

    private InboxRules() {
    }

    public static String name(String name) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_NAME_CHARS) {
            throw DeskException.invalid("invalid-name", "name must be 1 to " + MAX_NAME_CHARS + " characters");
        }
        return trimmed;
    }

    /**
     * The origins as browsers send them ({@code https://shop.example}, {@code http://localhost:8081}): scheme http
     * or https, a host, a port only when it is not the scheme's, nothing else; lower case, each once.
     */
    public static List<String> origins(List<String> origins) {
        if (origins == null) {
            return List.of();
        }
        if (origins.size() > MAX_ORIGINS) {
            throw DeskException.invalid("invalid-origins", "at most " + MAX_ORIGINS + " allowed origins");
        }
        Set<String> normalized = new LinkedHashSet<>();
        for (String origin : origins) {
            normalized.add(origin(origin));
        }
        return new ArrayList<>(normalized);
    }

    static String origin(String origin) {
        URI uri;
        try {
            uri = origin == null ? null : new URI(origin.strip());
        } catch (Exception e) {
            uri = null;
        }
        String scheme = uri == null || uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean bare = uri != null && uri.getHost() != null && uri.getUserInfo() == null && uri.getQuery() == null
                && uri.getFragment() == null && (uri.getRawPath() == null || uri.getRawPath().isEmpty());
        if (!bare || !(scheme.equals("https") || scheme.equals("http"))) {
            throw DeskException.invalid("invalid-origins",
                    "an allowed origin is a scheme, a host and maybe a port, such as https://shop.example: " + origin);
        }
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }

    public static Map<String, String> greeting(Map<String, String> greeting) {
        if (greeting == null) {
            return Map.of();
        }
        Map<String, String> checked = new HashMap<>();
        greeting.forEach((lang, text) -> {
            if (!LANGUAGES.contains(lang) || text == null || text.isBlank() || text.length() > MAX_GREETING_CHARS) {
                throw DeskException.invalid("invalid-greeting", "greeting takes en and zh, each 1 to "
                        + MAX_GREETING_CHARS + " characters");
            }
            checked.put(lang, text.strip());
        });
        return checked;
    }

    /**
     * Business hours as given, checked: a known time zone and weekly rules {@link BusinessHours} reads; null stays
     * null (the configured hours apply).
     */
    public static InboxHours hours(InboxHours hours) {
        if (hours == null) {
            return null;
        }
        if (hours.timezone() == null) {
            throw DeskException.invalid("invalid-hours", "hours.timezone is required, e.g. Europe/Berlin");
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(hours.timezone());
        } catch (DateTimeException e) {
            throw DeskException.invalid("invalid-hours", "hours.timezone is not a time zone: " + hours.timezone());
        }
        String weekly = hours.weekly() == null ? "" : hours.weekly().strip();
        if (weekly.length() > MAX_HOURS_CHARS) {
            throw DeskException.invalid("invalid-hours", "hours.weekly is at most " + MAX_HOURS_CHARS + " characters");
        }
        try {
            BusinessHours.parse(weekly, zone);
        } catch (IllegalArgumentException e) {
            throw DeskException.invalid("invalid-hours", e.getMessage());
        }
        return new InboxHours(zone.getId(), weekly);
    }

    public static String color(String color) {
        if (color == null) {
            return null;
        }
        if (!COLOR.matcher(color).matches()) {
            throw DeskException.invalid("invalid-color", "color is #rrggbb");
        }
        return color.toLowerCase(Locale.ROOT);
    }
}
