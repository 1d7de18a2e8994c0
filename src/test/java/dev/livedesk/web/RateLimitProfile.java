package dev.livedesk.web;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** Small rate limits, in an application of their own. */
public class RateLimitProfile implements QuarkusTestProfile {

    static final int MESSAGES = 5;
    static final int CONVERSATIONS = 3;
    static final int CONVERSATIONS_PER_INBOX = 20;
    static final int TYPING = 2;
    static final int FREE_LOGIN_FAILURES = 2;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "livedesk.limits.messages-per-minute", Integer.toString(MESSAGES),
                "livedesk.limits.conversations-per-minute", Integer.toString(CONVERSATIONS),
                "livedesk.limits.conversations-per-inbox-per-minute", Integer.toString(CONVERSATIONS_PER_INBOX),
                "livedesk.limits.typing-per-second", Integer.toString(TYPING),
                "livedesk.limits.login-failures-before-backoff", Integer.toString(FREE_LOGIN_FAILURES));
    }
}
