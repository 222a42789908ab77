package io.github.isce4j;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * A one-line progress bar on stderr: percentage, counts, rate, ETA and a caller-supplied status.
 * On a terminal it redraws in place at most ten times a second; in logs it prints one line per
 * tenth of the work, so CI output stays short.
 */
public final class ProgressBar implements AutoCloseable {

    private static final int WIDTH = 24;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final String label;
    private final long total;
    private final String unit;
    private final PrintStream out;
    private final boolean interactive;
    private final long start = System.nanoTime();
    private long lastDraw;
    private int lastDecile = -1;
    private long done;
    private String status = "";

    /**
     * @param label what is being done, e.g. "epoch 1/5"
     * @param total units of work
     * @param unit what a unit is, e.g. "img"
     */
    public ProgressBar(String label, long total, String unit) {
        this(label, total, unit, System.err, System.console() != null);
    }

    /**
     * A bar that draws nothing but still times the work ({@link #rate}, {@link #elapsedSeconds}),
     * for callers that report progress another way.
     *
     * @param label what is being done
     * @param total units of work
     * @param unit what a unit is
     * @return the hidden bar
     */
    public static ProgressBar hidden(String label, long total, String unit) {
        return new ProgressBar(label, total, unit, new PrintStream(java.io.OutputStream.nullOutputStream()), false);
    }

    ProgressBar(String label, long total, String unit, PrintStream out, boolean interactive) {
        this.label = label;
        this.total = Math.max(1, total);
        this.unit = unit;
        this.out = out;
        this.interactive = interactive;
    }

    /**
     * @param doneSoFar units completed so far
     * @param newStatus short status such as "loss 0.12 acc 96.1%"
     */
    public void update(long doneSoFar, String newStatus) {
        this.done = doneSoFar;
        this.status = newStatus;
        long now = System.nanoTime();
        int decile = (int) (10 * done / total);
        if (interactive ? now - lastDraw >= REDRAW_NANOS : decile > lastDecile) {
            lastDraw = now;
            lastDecile = decile;
            draw(false);
        }
    }

    /** @return units per second since the bar started */
    public double rate() {
        double seconds = (System.nanoTime() - start) / 1e9;
        return seconds > 0 ? done / seconds : 0;
    }

    /** @return seconds since the bar started */
    public double elapsedSeconds() {
        return (System.nanoTime() - start) / 1e9;
    }

    private void draw(boolean last) {
        int filled = (int) (WIDTH * done / total);
        double rate = rate();
        long eta = rate > 0 ? (long) ((total - done) / rate) : 0;
        String line = String.format(
                Locale.ROOT,
                "%s [%s%s] %3d%% %,d/%,d %s | %,.0f %s/s | %s %s | %s",
                label,
                "=".repeat(filled),
                " ".repeat(WIDTH - filled),
                100 * done / total,
                done,
                total,
                unit,
                rate,
                unit,
                last ? "took" : "ETA",
                clock(last ? (long) elapsedSeconds() : eta),
                status);
        if (interactive) {
            out.print("\r" + line + (last ? "\n" : ""));
        } else {
            out.println(line);
        }
        out.flush();
    }

    private static String clock(long seconds) {
        Duration d = Duration.ofSeconds(seconds);
        return String.format(Locale.ROOT, "%d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
    }

    /** Draws the final state. */
    @Override
    public void close() {
        draw(true);
    }
}
