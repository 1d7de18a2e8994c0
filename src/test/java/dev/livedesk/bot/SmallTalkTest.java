package dev.livedesk.bot;

import dev.livedesk.bot.SmallTalk.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class SmallTalkTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "hi|GREETING", "Hello!|GREETING", "hey there 👋|GREETING", "Good morning.|GREETING", "你好|GREETING",
            "您好！|GREETING", "在吗？|GREETING",
            "thanks!|THANKS", "Thank you very much.|THANKS", "ok, thanks|THANKS", "谢谢|THANKS", "好的，谢谢！|THANKS",
            "bye|GOODBYE", "That's all|GOODBYE", "再见|GOODBYE",
            "Are you a bot?|ABOUT_ASSISTANT", "are you human?|ABOUT_ASSISTANT", "你是机器人吗？|ABOUT_ASSISTANT",
            "I have a question|HAS_QUESTION", "Can you help me?|HAS_QUESTION", "我有个问题|HAS_QUESTION",
            "请问|HAS_QUESTION"})
    void aWholeMessageOfMannersIsSmallTalk(String text, Kind kind) {
        assertThat(SmallTalk.classify(text)).contains(kind);
    }

    @ParameterizedTest
    @ValueSource(strings = {"hi, where is my parcel?", "thanks, but how do I return a jacket", "I have a question about refunds",
            "我有个问题：怎么退货？", "this is not what I ordered", "help me track order 1234", "which payment methods can I use",
            ""})
    void aMessageThatAsksOrSaysMoreIsNot(String text) {
        assertThat(SmallTalk.classify(text)).isEmpty();
    }

    @Test
    void theReplyIsInTheCustomersLanguage() {
        assertThat(SmallTalk.reply(Kind.GREETING, "en")).isEqualTo("Hello! What can I help you with?");
        assertThat(SmallTalk.reply(Kind.GREETING, "zh")).isEqualTo("您好！请问有什么可以帮您？");
        for (Kind kind : Kind.values()) {
            assertThat(SmallTalk.reply(kind, "en")).isNotBlank();
            assertThat(SmallTalk.reply(kind, "zh")).isNotBlank();
        }
    }
}
