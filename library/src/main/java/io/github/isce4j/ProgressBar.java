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
    /** Items counted beside the work (cells of a reproduction), or null when the bar counts its work units. */
    private final Items items;

    /**
     * What a bar counts when its work is an estimate: whole items (cells), of which {@code done} are
     * finished. The bar's fill and ETA follow the estimated work; its text shows the items.
     */
    private static final class Items {
        final long total;
        final String unit;
        long done;

        Items(long total, String unit) {
            this.total = total;
            this.unit = unit;
        }
    }

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

    /**
     * A bar over work measured in estimated units (e.g. estimated seconds) that shows whole items
     * instead: "12/944 cells | ETA 35 min". Its ETA scales the remaining estimate by how fast the
     * estimate has been worked off so far (the estimate itself before anything is done).
     *
     * @param label what is being done
     * @param work the estimated work, in any unit
     * @param items how many items that work is
     * @param itemUnit what an item is, e.g. "cells"
     * @return the bar, drawn on stderr
     */
    public static ProgressBar ofItems(String label, long work, long items, String itemUnit) {
        return new ProgressBar(label, work, itemUnit, System.err, System.console() != null, new Items(items, itemUnit));
    }

    ProgressBar(String label, long total, String unit, PrintStream out, boolean interactive) {
        this(label, total, unit, out, interactive, null);
    }

    private ProgressBar(String label, long total, String unit, PrintStream out, boolean interactive, Items items) {
        this.label = label;
        this.total = Math.max(1, total);
        this.unit = unit;
        this.out = out;
        this.interactive = interactive;
        this.items = items;
    }

    /** As ofItems, drawing on the given stream (tests). */
    static ProgressBar ofItems(String label, long work, long items, String itemUnit, PrintStream out) {
        return new ProgressBar(label, work, itemUnit, out, false, new Items(items, itemUnit));
    }

    /**
     * For a bar made by {@link #ofItems}: the work done so far and the items finished.
     *
     * @param work estimated units done so far
     * @param itemsDone items finished
     * @param newStatus short status
     */
    public void update(long work, long itemsDone, String newStatus) {
        if (items != null) {
            items.done = itemsDone;
        }
        update(work, newStatus);
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
        String line = items != null
                ? itemLine(filled, last)
                : String.format(
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

    private String itemLine(int filled, boolean last) {
        double elapsed = elapsedSeconds();
        // Before any work is done the estimate is all there is; after, it is rescaled by this machine's pace.
        double eta = done > 0 ? (total - done) * elapsed / done : total;
        return String.format(
                Locale.ROOT,
                "%s [%s%s] %3d%% %,d/%,d %s | %s %s | %s",
                label,
                "=".repeat(filled),
                " ".repeat(WIDTH - filled),
                100 * done / total,
                items.done,
                items.total,
                items.unit,
                last ? "took" : "ETA",
                minutes(last ? elapsed : eta),
                status);
    }

    /** @return a duration as a person reads it: "35 min", "2 h 05 min", "<1 min" */
    static String minutes(double seconds) {
        long m = Math.round(seconds / 60);
        if (m < 1) {
            return "<1 min";
        }
        return m < 60 ? m + " min" : String.format(Locale.ROOT, "%d h %02d min", m / 60, m % 60);
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
