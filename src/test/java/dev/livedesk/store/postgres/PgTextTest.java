package dev.livedesk.store.postgres;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PgTextTest {

    @Property
    void decodingGivesBackAnyTextEncoded(@ForAll String text) {
        assertThat(PgText.decode(PgText.encode(text))).isEqualTo(text);
    }

    @Property
    void theEncodedFormHoldsNoNul(@ForAll String text) {
        assertThat(PgText.encode(text)).doesNotContain("\0");
    }

    @Test
    void textWithoutBackslashOrNulIsStoredAsItIs() {
        String text = "Where is my order? 我的订单在哪里 😀";
        assertThat(PgText.encode(text)).isSameAs(text);
        assertThat(PgText.decode(text)).isSameAs(text);
    }
}
