package dev.livedesk.bot;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class ChunksTest {

    @ParameterizedTest
    @ValueSource(strings = {"Sign in and open \"My orders\".", "登录后打开“我的订单”即可查看所有订单及其状态。",
            "我们支持 Visa、万事达卡、PayPal 和 Apple Pay。", "x", "emoji 😀 in 文本"})
    void chunksJoinBackToTheAnswer(String answer) {
        assertThat(String.join("", AnswerStream.chunks(answer))).isEqualTo(answer);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Sign in and open My orders to see every order.", "登录后打开我的订单即可查看所有订单及其状态"})
    void splitsWhereAReaderWould(String answer) {
        assertThat(AnswerStream.chunks(answer)).hasSizeGreaterThan(3)
                .allMatch(chunk -> chunk.codePointCount(0, chunk.length()) <= 12);
    }
}
