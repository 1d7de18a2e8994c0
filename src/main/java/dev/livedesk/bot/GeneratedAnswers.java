package dev.livedesk.bot;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.livedesk.config.LiveDeskConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Answers written by a language model from the retrieved entries, through any OpenAI-compatible chat-completions
 * endpoint (OpenAI, Azure, DeepSeek, Qwen, a local Ollama or vLLM) with {@code stream: true}, by LangChain4j's
 * OpenAI client (which speaks the SSE chunks and {@code [DONE]}). Off unless {@code livedesk.bot.llm.base-url} is
 * set. The model is told to answer only from the entries, in the customer's language, and to say
 * {@value #NO_ANSWER} when they do not hold the answer.
 */
@ApplicationScoped
public class GeneratedAnswers {

    /** What the model says when the entries do not answer the question. */
    static final String NO_ANSWER = "NO_ANSWER";
    private static final Logger LOG = Logger.getLogger(GeneratedAnswers.class);

    private final Optional<StreamingChatModel> model;
    private final Duration timeout;

    public GeneratedAnswers(LiveDeskConfig config) {
        LiveDeskConfig.Llm llm = config.bot().llm();
        this.timeout = llm.timeout();
        this.model = llm.baseUrl().map(url -> OpenAiStreamingChatModel.builder()
                .baseUrl(url)
                .apiKey(llm.apiKey().orElse("none"))
                .modelName(llm.model())
                .timeout(llm.timeout())
                .temperature(0.2)
                .build());
        model.ifPresent(m -> LOG.infof("Generated answers on, from %s (model %s, timeout %s)", llm.baseUrl().get(),
                llm.model(), timeout));
    }

    public boolean enabled() {
        return model.isPresent();
    }

    /** The most a customer waits for a generated answer before the retrieved one is sent instead. */
    public Duration timeout() {
        return timeout;
    }

    /**
     * Asks the model for an answer to {@code question} from {@code entries}; tokens go to {@code token} as they
     * arrive, then the whole text to {@code done}, or the failure to {@code failed}. Callbacks come on the
     * client's threads; the caller enforces the timeout.
     */
    public void generate(String question, String lang, List<FaqEntry> entries, Consumer<String> token,
                         Consumer<String> done, Consumer<Throwable> failed) {
        StreamingChatModel chat = model.orElseThrow();
        List<ChatMessage> messages = List.of(SystemMessage.from(instructions(lang, entries)),
                UserMessage.from(question));
        try {
            chat.chat(messages, new StreamingChatResponseHandler() {
                @Override
                public void onPartialResponse(String partial) {
                    token.accept(partial);
                }

                @Override
                public void onCompleteResponse(ChatResponse response) {
                    String text = response.aiMessage() == null ? null : response.aiMessage().text();
                    done.accept(text == null ? "" : text);
                }

                @Override
                public void onError(Throwable error) {
                    failed.accept(error);
                }
            });
        } catch (RuntimeException e) {
            failed.accept(e);
        }
    }

    /** Whether a generated text is an answer: not empty, and not the model saying it has none. */
    static boolean isAnswer(String text) {
        return text != null && !text.isBlank() && !text.strip().startsWith(NO_ANSWER);
    }

    static String instructions(String lang, List<FaqEntry> entries) {
        StringBuilder prompt = new StringBuilder("You are the customer-service assistant of an online shop. Answer "
                + "the customer's question using ONLY the knowledge-base entries below; never add facts, prices, "
                + "dates or promises that are not in them. Answer in "
                + ("zh".equals(lang) ? "Simplified Chinese" : "English")
                + ", in at most three short sentences, politely. If the entries do not answer the question, reply "
                + "with exactly " + NO_ANSWER + ".\n\nKnowledge-base entries:\n");
        for (FaqEntry entry : entries) {
            prompt.append("- Q: ").append(entry.question()).append("\n  A: ").append(entry.answer()).append('\n');
        }
        return prompt.toString();
    }
}
