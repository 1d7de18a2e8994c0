package dev.livedesk.inbox;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BusinessHoursTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** A Monday. */
    private static final String MONDAY = "2026-11-30";

    private static Instant at(String date, String time) {
        return java.time.LocalDateTime.parse(date + "T" + time).atZone(SHANGHAI).toInstant();
    }

    private final BusinessHours hours = BusinessHours.parse("mon-fri 09:00-18:00; sat 10:00-14:00", SHANGHAI);

    @Test
    void openWithinTheRulesInTheirTimeZone() {
        assertThat(hours.isOpen(at(MONDAY, "09:00"))).isTrue();
        assertThat(hours.isOpen(at(MONDAY, "17:59"))).isTrue();
        assertThat(hours.isOpen(at("2026-12-05", "13:00"))).as("saturday").isTrue();
    }

    @Test
    void closedOutsideThem() {
        assertThat(hours.isOpen(at(MONDAY, "08:59"))).isFalse();
        assertThat(hours.isOpen(at(MONDAY, "18:00"))).isFalse();
        assertThat(hours.isOpen(at("2026-12-06", "12:00"))).as("sunday").isFalse();
    }

    @Test
    void whileClosedItKnowsWhenItOpensNext() {
        assertThat(hours.nextOpening(at(MONDAY, "20:00"))).contains(at("2026-12-01", "09:00"));
        assertThat(hours.nextOpening(at("2026-12-05", "15:00"))).contains(at("2026-12-07", "09:00"));
        assertThat(hours.nextOpening(at(MONDAY, "10:00"))).isEmpty();
    }

    @Test
    void aRuleEndingBeforeItStartsRunsPastMidnight() {
        BusinessHours night = BusinessHours.parse("fri 22:00-02:00", SHANGHAI);
        assertThat(night.isOpen(at("2026-12-04", "23:00"))).isTrue();
        assertThat(night.isOpen(at("2026-12-05", "01:30"))).isTrue();
        assertThat(night.isOpen(at("2026-12-05", "02:00"))).isFalse();
    }

    @Test
    void blankMeansAlwaysOpen() {
        assertThat(BusinessHours.parse(" ", SHANGHAI).isOpen(at(MONDAY, "03:00"))).isTrue();
        assertThat(BusinessHours.always(SHANGHAI).nextOpening(at(MONDAY, "03:00"))).isEmpty();
    }

    @Test
    void aMalformedRuleFailsLoudly() {
        for (String bad : new String[]{"monday 09:00-18:00", "mon-fri 9-18", "mon 25:00-26:00", "mon 09:00-09:00"}) {
            assertThatThrownBy(() -> BusinessHours.parse(bad, SHANGHAI)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(BusinessHours.parse("sun 00:00-24:00", SHANGHAI).isOpen(at("2026-12-06", "23:59"))).isTrue();
    }
}
