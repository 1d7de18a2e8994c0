package dev.livedesk.bot;

import java.util.Map;

/**
 * The calibration the assistant ships with, for the shipped models and knowledge base (see {@link Calibration}),
 * chosen on the tuning set ({@code AssistantTuning} sweeps the fusion weight, prints each phrasing's scores and
 * searches the thresholds) and set between the plateau's edges rather than on one:
 * <ul>
 *   <li>English (all-MiniLM-L6-v2 and BGE small en v1.5, cosines averaged): the right entry ranks first for 70 of 72
 *       with the vector weight anywhere from 0.80 to 1.00, so 0.90. Off-topic questions came as close as 0.622
 *       (BM25 4.54) and 0.610 (BM25 5.76); right answers without BM25's support as low as 0.647, with it (5.03 and
 *       more) as low as 0.521. Alone from 0.635; from 0.45 with a BM25 score of 4.8 or more. Tuning set: 67 of 72
 *       on-topic, 17 of 18 off-topic rejected.</li>
 *   <li>Chinese (BGE small zh v1.5, whose similarities run higher): the right entry first for 69 of 72 with the
 *       weight from 0.50 to 0.80, so 0.65. Off-topic up to 0.737 with BM25 3.35, and 0.548 with BM25 21.6; right
 *       answers from 0.560, all with BM25 at 9 or more. Alone from 0.76; from 0.555 with BM25 at 5 or more. Tuning
 *       set: 69 of 72, 18 of 18.</li>
 *   <li>BM25 alone (no model): 4.5, the threshold calibrated before vectors existed.</li>
 * </ul>
 */
final class AssistantCalibration {

    static final Calibration SHIPPED = new Calibration(4.5f, Map.of(
            "en", new Calibration.Vector(0.9, 0.635, 0.45, 4.8f),
            "zh", new Calibration.Vector(0.65, 0.76, 0.555, 5f)));

    private AssistantCalibration() {
    }
}
