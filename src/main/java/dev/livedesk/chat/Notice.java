package dev.livedesk.chat;

import java.util.Locale;

/**
 * The system messages a customer sees, in the customer's language: Chinese for a conversation whose locale is
 * Chinese ({@code zh}, {@code zh-CN}, …), English otherwise.
 */
public enum Notice {

    CONNECTING("Connecting you to an agent…", "正在为您转接人工客服…"),
    JOINED("%s joined the conversation", "%s 已加入对话"),
    RESOLVED("Conversation resolved", "对话已结束"),
    REOPENED("%s reopened the conversation", "%s 重新打开了对话"),
    FOLLOW_UP("Thanks! We will answer you at %s as soon as we are back.",
            "谢谢！我们上线后会尽快回复到 %s。"),
    NOT_SURE("I'm not sure I understood. Did you mean one of these? If not, I can connect you with a person.",
            "抱歉，我不太确定您的意思。您想问的是下面的问题吗？如果都不是，我可以为您转接人工客服。");

    private final String english;
    private final String chinese;

    Notice(String english, String chinese) {
        this.english = english;
        this.chinese = chinese;
    }

    /** The text for the conversation's customer, with the arguments (a name, an email) filled in. */
    public String text(Conversation conversation, Object... args) {
        return String.format(Locale.ROOT, isChinese(conversation.profile().locale()) ? chinese : english, args);
    }

    /** The text in a language the customer wrote in ({@code zh} or anything else for English). */
    public String inLanguage(String lang, Object... args) {
        return String.format(Locale.ROOT, isChinese(lang) ? chinese : english, args);
    }

    /** Whether a locale tag names Chinese; the two languages the desk speaks are Chinese and English. */
    public static boolean isChinese(String locale) {
        return locale != null && locale.toLowerCase(Locale.ROOT).startsWith("zh");
    }
}
