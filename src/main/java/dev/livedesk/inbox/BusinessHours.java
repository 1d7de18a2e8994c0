package dev.livedesk.inbox;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When the desk is staffed: weekly rules such as {@code mon-fri 09:00-18:00; sat 10:00-14:00} in one time zone.
 * No rules means always open. A rule's end may be {@code 24:00}; a rule that ends before it starts runs past
 * midnight into the next day.
 */
public final class BusinessHours {

    private static final Pattern RULE = Pattern.compile(
            "(mon|tue|wed|thu|fri|sat|sun)(?:-(mon|tue|wed|thu|fri|sat|sun))?\\s+(\\d{2}):(\\d{2})-(\\d{2}):(\\d{2})");
    private static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

    private record Rule(Set<DayOfWeek> days, int startMinute, int endMinute) {
    }

    private final ZoneId zone;
    private final List<Rule> rules;

    private BusinessHours(ZoneId zone, List<Rule> rules) {
        this.zone = zone;
        this.rules = List.copyOf(rules);
    }

    /** Always open. */
    public static BusinessHours always(ZoneId zone) {
        return new BusinessHours(zone, List.of());
    }

    /**
     * Reads weekly rules separated by {@code ;} or {@code ,}; blank means always open.
     *
     * @throws IllegalArgumentException for anything else, so a typo fails start-up
     */
    public static BusinessHours parse(String weekly, ZoneId zone) {
        List<Rule> rules = new ArrayList<>();
        for (String part : weekly.toLowerCase(Locale.ROOT).split("[;,]")) {
            String rule = part.strip();
            if (rule.isEmpty()) {
                continue;
            }
            Matcher matcher = RULE.matcher(rule);
            if (!matcher.matches()) {
                throw new IllegalArgumentException("Not a business-hours rule (like mon-fri 09:00-18:00): " + rule);
            }
            int first = DAYS.indexOf(matcher.group(1));
            int last = matcher.group(2) == null ? first : DAYS.indexOf(matcher.group(2));
            Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
            for (int day = first; ; day = (day + 1) % 7) {
                days.add(DayOfWeek.of(day + 1));
                if (day == last) {
                    break;
                }
            }
            int start = minute(matcher.group(3), matcher.group(4));
            int end = minute(matcher.group(5), matcher.group(6));
            if (start >= 24 * 60 || end == start) {
                throw new IllegalArgumentException("A business-hours rule needs a start before 24:00 and an end: "
                        + rule);
            }
            rules.add(new Rule(days, start, end));
        }
        return new BusinessHours(zone, rules);
    }

    /** Whether the desk is within its hours at that instant. */
    public boolean isOpen(Instant at) {
        if (rules.isEmpty()) {
            return true;
        }
        ZonedDateTime local = at.atZone(zone);
        int minute = local.getHour() * 60 + local.getMinute();
        DayOfWeek today = local.getDayOfWeek();
        for (Rule rule : rules) {
            if (rule.endMinute > rule.startMinute) {
                if (rule.days.contains(today) && minute >= rule.startMinute && minute < rule.endMinute) {
                    return true;
                }
            } else if ((rule.days.contains(today) && minute >= rule.startMinute)
                    || (rule.days.contains(today.minus(1)) && minute < rule.endMinute)) {
                return true;
            }
        }
        return false;
    }

    /** When the hours next begin after {@code at}, while closed; empty when open now or always open. */
    public Optional<Instant> nextOpening(Instant at) {
        if (rules.isEmpty() || isOpen(at)) {
            return Optional.empty();
        }
        LocalDate date = at.atZone(zone).toLocalDate();
        Instant best = null;
        for (int offset = 0; offset <= 7; offset++) {
            LocalDate day = date.plusDays(offset);
            for (Rule rule : rules) {
                if (rule.days.contains(day.getDayOfWeek())) {
                    Instant start = day.atTime(LocalTime.of(rule.startMinute / 60, rule.startMinute % 60))
                            .atZone(zone).toInstant();
                    if (start.isAfter(at) && (best == null || start.isBefore(best))) {
                        best = start;
                    }
                }
            }
            if (best != null) {
                return Optional.of(best);
            }
        }
        return Optional.empty();
    }

    private static int minute(String hours, String minutes) {
        int hour = Integer.parseInt(hours);
        int minute = Integer.parseInt(minutes);
        if (hour > 24 || minute > 59 || (hour == 24 && minute > 0)) {
            throw new IllegalArgumentException("Not a time of day: " + hours + ":" + minutes);
        }
        return hour * 60 + minute;
    }
}
