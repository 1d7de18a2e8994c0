package dev.livedesk.report;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Medians, 90th percentiles and the histogram, worked out by hand. */
class SpreadTest {

    @Test
    void percentilesInterpolateBetweenRanksAsPostgresDoes() {
        Spread spread = Spread.of(List.of(600.0, 60.0, 180.0));
        assertThat(spread.median()).isEqualTo(180.0);
        assertThat(spread.p90()).as("180 + 0.8 × (600 − 180)").isEqualTo(516.0);
        assertThat(Spread.of(List.of(10.0, 20.0)).median()).isEqualTo(15.0);
        assertThat(Spread.of(List.of(7.0)).p90()).isEqualTo(7.0);
    }

    @Test
    void eachDurationFallsInTheBucketThatStartsAtTheLastBoundItReaches() {
        assertThat(Spread.of(List.of(0.0, 59.9, 60.0, 299.0, 300.0, 86_399.0, 86_400.0)).histogram())
                .containsExactly(2, 2, 1, 0, 0, 1, 1);
    }

    @Test
    void nothingMeasuredHasNoPercentiles() {
        assertThat(Spread.of(List.of())).isEqualTo(Spread.NONE);
        assertThat(Spread.NONE.median()).isNull();
    }
}
