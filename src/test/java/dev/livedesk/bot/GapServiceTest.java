package dev.livedesk.bot;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How unanswered questions are told apart and grouped. */
class GapServiceTest {

    @Test
    void normalizingIgnoresCasePunctuationWidthAndSpacing() {
        assertThat(GapService.normalized("  Do you sell BIKES?? ")).isEqualTo(GapService.normalized("do you sell bikes"));
        assertThat(GapService.normalized("你们卖自行车吗？")).isEqualTo(GapService.normalized("你们卖自行车吗"));
        assertThat(GapService.normalized("ＡＢＣ")).isEqualTo("abc");
    }
}
