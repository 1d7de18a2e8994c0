package dev.livedesk.agent;

import dev.livedesk.config.LiveDeskConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Reads the canned responses once at start-up; dev mode restarts the application when the default file changes. */
public class CannedResponsesProducer {

    @Produces
    @Singleton
    CannedResponses cannedResponses(LiveDeskConfig config) {
        return CannedResponses.load(config.cannedResponses());
    }
}
