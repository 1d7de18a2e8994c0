package dev.livedesk.bot;

import java.util.Map;

/**
 * The calibration the assistant ships with, for the shipped models and knowledge base (see {@link Calibration}),
 * chosen on the tuning set ({@code AssistantTuning} prints each phrasing's scores and searches the thresholds) and
 * set between the plateau's edges rather than on one:
 * <ul>
 *   <li>English (all-MiniLM-L6-v2): off-topic questions came as close as 0.54; conversational questions of the
 *       knowledge base went as low as 0.38 when BM25 found their words. Alone from 0.56; from 0.38 with a BM25
 *       score of 4.5 or more. Tuning set: 61 of 72 on-topic, 17 of 18 off-topic rejected.</li>
 *   <li>Chinese (BGE small zh v1.5, whose similarities run higher): off-topic up to 0.74 with BM25 3.9. Alone from
 *       0.76; from 0.55 with BM25 at 5 or more. Tuning set: 64 of 72, 18 of 18.</li>
 *   <li>BM25 alone (no model): 4.5, the threshold calibrated before vectors existed.</li>
 * </ul>
 */
final class AssistantCalibration {

    static final Calibration SHIPPED = new Calibration(4.5f, Map.of(
            "en", new Calibration.Vector(0.56, 0.38, 4.5f),
            "zh", new Calibration.Vector(0.76, 0.55, 5f)));

    private AssistantCalibration() {
    }
}
