package dev.livedesk.inbox;

import java.util.List;
import java.util.Map;

/**
 * Body of {@code POST /api/inboxes} and {@code PUT /api/inboxes/{id}}.
 *
 * @param allowedOrigins       origins ({@code https://shop.example}, a port if not the scheme's) whose pages may show
 *                             the widget
 * @param identityVerification optional, false when absent
 * @param greeting             optional: the assistant's greeting by language ({@code en}, {@code zh})
 * @param color                optional: the widget's accent colour, {@code #rrggbb}
 * @param hours                optional: business hours ({@code {"timezone", "weekly"}}); the configured ones when
 *                             absent
 */
public record InboxRequest(String name, List<String> allowedOrigins, Boolean identityVerification,
                           Map<String, String> greeting, String color, InboxHours hours) {
}
