package dev.livedesk.report;

import dev.livedesk.error.DeskException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The days a report covers, in its zone. */
class ReportRangeTest {

    private static final Instant NOW = Instant.parse("2026-11-30T20:00:00Z");

    @Test
    void bothDaysAreIncludedFromMidnightInTheZone() {
        ReportRange range = ReportRange.parse("2026-11-02", "2026-11-02", "Asia/Shanghai", NOW);
        assertThat(range.start()).isEqualTo(Instant.parse("2026-11-01T16:00:00Z"));
        assertThat(range.end()).isEqualTo(Instant.parse("2026-11-02T16:00:00Z"));
    }

    @Test
    void withoutDatesItIsTheLastSevenDaysUpToTodayInTheZone() {
        ReportRange range = ReportRange.parse(null, "", "Asia/Shanghai", NOW);
        assertThat(range.to()).as("already 1 December in Shanghai").isEqualTo(LocalDate.parse("2026-12-01"));
        assertThat(range.from()).isEqualTo(LocalDate.parse("2026-11-25"));
        assertThat(ReportRange.parse(null, null, null, NOW).zone().getId()).isEqualTo("UTC");
    }

    @Test
    void aRangeOfAYearIsAllowedAndALongerOneIsNot() {
        assertThat(ReportRange.parse("2023-12-01", "2024-11-30", "UTC", NOW).from()).isNotNull();
        assertThatThrownBy(() -> ReportRange.parse("2023-11-30", "2024-11-30", "UTC", NOW))
                .isInstanceOfSatisfying(DeskException.class, e -> assertThat(e.code()).isEqualTo("invalid-range"));
    }

    @Test
    void aReversedRangeOrAnUnknownZoneIsRefused() {
        assertThatThrownBy(() -> ReportRange.parse("2026-11-02", "2026-11-01", "UTC", NOW))
                .isInstanceOf(DeskException.class);
        assertThatThrownBy(() -> ReportRange.parse(null, null, "Mars/Olympus", NOW))
                .isInstanceOf(DeskException.class);
        assertThatThrownBy(() -> ReportRange.parse(null, null, "+25:00", NOW))
                .isInstanceOf(DeskException.class);
    }
}
