package dev.livedesk.bot;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Messages that are manners rather than questions: a greeting, thanks, a goodbye, "are you a bot", or "I have a
 * question" with no question in it yet, in English and Chinese. Only a whole message counts: "hi, where is my
 * parcel?" is a question. In English a message is a greeting, thanks or goodbye when every word is one of those or a
 * filler ("ok", "so much", "mate"); the other kinds, and Chinese, are whole-message patterns. Small talk gets a short
 * fitting reply, is never a miss and never hands the conversation over.
 */
public final class SmallTalk {

    /** What kind of small talk a message is. */
    public enum Kind { GREETING, THANKS, GOODBYE, ABOUT_ASSISTANT, HAS_QUESTION }

    private static final Pattern NOT_WORDS = Pattern.compile("[\\p{P}\\p{S}\\s]+");
    private static final Pattern APOSTROPHES = Pattern.compile("['’]");
    private static final Pattern HAN = Pattern.compile("\\p{IsHan}");
    /** Chinese particles and softeners that change nothing of what small talk is. */
    private static final Pattern ZH_SOFTENERS = Pattern.compile("^好的|^好|^嗯|[啊呀啦哦嘛吧呢～]");

    /** Kinds in the order they win when a message has words of several: "thanks, bye" is a goodbye. */
    private static final Map<Kind, Set<String>> EN_WORDS = Map.of(
            Kind.GOODBYE, Set.of("bye", "goodbye", "byebye", "later", "cya", "night", "see", "thats", "all", "for",
                    "now", "take", "care"),
            Kind.THANKS, Set.of("thanks", "thank", "thx", "ty", "tysm", "cheers", "appreciate", "appreciated"),
            Kind.GREETING, Set.of("hi", "hello", "hey", "heyy", "hiya", "howdy", "yo", "greetings", "morning",
                    "afternoon", "evening", "anyone", "anybody"));
    private static final List<Kind> EN_ORDER = List.of(Kind.GOODBYE, Kind.THANKS, Kind.GREETING);
    private static final Set<String> EN_FILLERS = Set.of("ok", "okay", "oh", "great", "perfect", "awesome", "cool",
            "nice", "alright", "good", "so", "very", "much", "a", "lot", "bunch", "mate", "please", "pls", "there",
            "again", "you", "u", "ya", "everyone", "guys", "all", "have", "day", "for", "help", "your", "the",
            "many", "really");

    private static final Map<Kind, Pattern> EN_PATTERNS = Map.of(
            Kind.ABOUT_ASSISTANT, Pattern.compile("(are|r) (you|u)( a| an)?( real)? (bot|robot|ai|human|person|machine"
                    + "|real|chatbot)|is (this|it|that)( a| an)?( real)? (bot|robot|ai|human|person|machine|chatbot)"
                    + "|am i (talking|chatting|speaking) (to|with)( a| an)?( real)? (bot|robot|ai|human|person|machine"
                    + "|chatbot)|who are you|what are you"),
            Kind.HAS_QUESTION, Pattern.compile("(hi |hello |hey )?((i|ive) (have|ve got|got|have got)( a| one| some| a few"
                    + "| another| a quick| a small)( quick| small)? questions?|(a )?quick question|questions?"
                    + "|(can|could) (you|u) help( me)?( out)?( please| pls)?|(i )?need( some)? help( please| pls)?"
                    + "|help( me)?( please| pls)?|can i ask (a question|you something|something|you a question))"));

    private static final Map<Kind, Pattern> ZH_PATTERNS = Map.of(
            Kind.GREETING, Pattern.compile("(你好|您好|嗨|哈喽|哈罗|在吗|在不在|有人吗|有人在吗|早上好|下午好|晚上好|早安)+"),
            Kind.THANKS, Pattern.compile("(非常|太|十分|真是|真的)?(谢谢|多谢|感谢|谢)(你|您|你们)?(了)?(多谢|谢谢)*(了)?"),
            Kind.GOODBYE, Pattern.compile("(再见|拜拜|拜|回头见|下次见|没事了|没有了|就这些|没别的了)+(了)?"),
            Kind.ABOUT_ASSISTANT, Pattern.compile("(你|您|这)?(是不是|是)(机器人|真人|人工智能|ai|人|机器)(吗)?|你是谁"),
            Kind.HAS_QUESTION, Pattern.compile("我?有(个|一个|几个|些)?问题(想问)?|我?想(问|咨询)(个|一个|一下|几个)?(问题)?(一下)?"
                    + "|请问(一下)?|咨询(一下)?|(能|可以)帮(帮)?我(一下)?吗|帮帮我|我需要帮助"));
    private static final List<Kind> ZH_ORDER = List.of(Kind.ABOUT_ASSISTANT, Kind.HAS_QUESTION, Kind.GOODBYE,
            Kind.THANKS, Kind.GREETING);

    private static final Map<Kind, String> ENGLISH = Map.of(
            Kind.GREETING, "Hello! What can I help you with?",
            Kind.THANKS, "You're welcome! Anything else I can help with?",
            Kind.GOODBYE, "Goodbye, and thanks for getting in touch!",
            Kind.ABOUT_ASSISTANT, "I'm the assistant, a program that answers from our help articles. "
                    + "Say \"agent\" any time and I'll connect you with a person.",
            Kind.HAS_QUESTION, "Of course. What would you like to know? You can also pick a topic.");

    private static final Map<Kind, String> CHINESE = Map.of(
            Kind.GREETING, "您好！请问有什么可以帮您？",
            Kind.THANKS, "不客气！还有其他可以帮您的吗？",
            Kind.GOODBYE, "再见，感谢您的咨询！",
            Kind.ABOUT_ASSISTANT, "我是智能助手，根据帮助文章回答问题。随时输入“人工”即可转接人工客服。",
            Kind.HAS_QUESTION, "当然可以。请问您想了解什么？也可以选择下面的话题。");

    private SmallTalk() {
    }

    /** The kind of small talk the whole message is, or empty when it asks or says something more. */
    public static Optional<Kind> classify(String text) {
        if (text == null || text.length() > 80) {
            return Optional.empty();
        }
        String words = NOT_WORDS.matcher(APOSTROPHES.matcher(text.toLowerCase(Locale.ROOT)).replaceAll(""))
                .replaceAll(" ").strip();
        if (words.isEmpty()) {
            return Optional.empty();
        }
        return HAN.matcher(words).find() ? chinese(words.replace(" ", "")) : english(words);
    }

    private static Optional<Kind> chinese(String text) {
        String core = ZH_SOFTENERS.matcher(text).replaceAll("");
        return ZH_ORDER.stream().filter(kind -> ZH_PATTERNS.get(kind).matcher(core).matches()).findFirst();
    }

    private static Optional<Kind> english(String words) {
        for (Kind kind : List.of(Kind.ABOUT_ASSISTANT, Kind.HAS_QUESTION)) {
            if (EN_PATTERNS.get(kind).matcher(words).matches()) {
                return Optional.of(kind);
            }
        }
        List<String> tokens = List.of(words.split(" "));
        for (Kind kind : EN_ORDER) {
            Set<String> own = EN_WORDS.get(kind);
            boolean present = tokens.stream().anyMatch(token -> own.contains(token) && !EN_FILLERS.contains(token));
            boolean onlyManners = tokens.stream().allMatch(token -> EN_FILLERS.contains(token)
                    || EN_WORDS.values().stream().anyMatch(set -> set.contains(token)));
            if (present && onlyManners) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    /** The reply to small talk, in the customer's language ("zh" or else English). */
    public static String reply(Kind kind, String lang) {
        return ("zh".equals(lang) ? CHINESE : ENGLISH).get(kind);
    }
}
