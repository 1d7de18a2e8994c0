package dev.livedesk.stream;

import dev.livedesk.error.DeskException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResumePointTest {

    @Test
    void absentMeansFromTheStart() {
        assertThat(ResumePoint.of(null, null)).isNull();
        assertThat(ResumePoint.of("", "")).isNull();
    }

    @Test
    void headerWinsOverQuery() {
        assertThat(ResumePoint.of("12", "7")).isEqualTo(12L);
    }

    @Test
    void queryIsUsedWithoutHeader() {
        assertThat(ResumePoint.of(null, "7")).isEqualTo(7L);
    }

    @Test
    void acceptsTheLargestId() {
        assertThat(ResumePoint.of(Long.toString(Long.MAX_VALUE), null)).isEqualTo(Long.MAX_VALUE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "+1", "1 ", "１２", "9223372036854775808", "00000000000000000001", "1\n2", "abc"})
    void rejectsAnythingButAShortDecimal(String value) {
        assertThatThrownBy(() -> ResumePoint.of(value, null)).isInstanceOf(DeskException.class)
                .extracting(e -> ((DeskException) e).kind()).isEqualTo(DeskException.Kind.INVALID);
    }
}
