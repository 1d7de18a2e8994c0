package dev.livedesk.agent;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;

/** Business hours that are surely closed now: one hour on the weekday three days from today (UTC). */
public class ClosedHoursProfile implements QuarkusTestProfile {

    static final DayOfWeek OPEN_DAY = LocalDate.now(ZoneOffset.UTC).plusDays(3).getDayOfWeek();

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("livedesk.hours.weekly",
                OPEN_DAY.name().substring(0, 3).toLowerCase(Locale.ROOT) + " 10:00-11:00",
                "livedesk.hours.timezone", "UTC");
    }
}
