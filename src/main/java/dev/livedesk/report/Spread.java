package dev.livedesk.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * How long something took across conversations: the median and the 90th percentile (team leads read these, not the
 * mean, which one forgotten conversation drags), and how many fell into each of {@link #BOUNDS}.
 *
 * @param median    seconds, or null when nothing was measured
 * @param p90       seconds, or null when nothing was measured
 * @param histogram counts per bucket: below the first bound, then from each bound (included) to the next, then from the
 *                  last bound on; seconds
 */
public record Spread(Double median, Double p90, List<Integer> histogram) {

    /** Upper bounds of the histogram's buckets, in seconds: 1 min, 5 min, 15 min, 1 h, 4 h, 1 day. */
    public static final List<Long> BOUNDS = List.of(60L, 300L, 900L, 3_600L, 14_400L, 86_400L);

    public static final Spread NONE = new Spread(null, null, Collections.nCopies(BOUNDS.size() + 1, 0));

    public Spread {
        histogram = List.copyOf(histogram);
    }

    /** The spread of some durations in seconds, in any order. */
    public static Spread of(List<Double> seconds) {
        if (seconds.isEmpty()) {
            return NONE;
        }
        List<Double> sorted = new ArrayList<>(seconds);
        Collections.sort(sorted);
        List<Integer> counts = new ArrayList<>(Collections.nCopies(BOUNDS.size() + 1, 0));
        for (double value : sorted) {
            int bucket = 0;
            while (bucket < BOUNDS.size() && value >= BOUNDS.get(bucket)) {
                bucket++;
            }
            counts.set(bucket, counts.get(bucket) + 1);
        }
        return new Spread(percentile(sorted, 0.5), percentile(sorted, 0.9), counts);
    }

    /**
     * The continuous percentile of sorted values: linear interpolation between the two nearest ranks, as
     * PostgreSQL's {@code percentile_cont} computes it, so that both stores report the same figure.
     */
    static double percentile(List<Double> sorted, double fraction) {
        double rank = fraction * (sorted.size() - 1);
        int below = (int) Math.floor(rank);
        int above = (int) Math.ceil(rank);
        return sorted.get(below) + (rank - below) * (sorted.get(above) - sorted.get(below));
    }
}
