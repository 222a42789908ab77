package io.github.isce4j.reproduce;

import io.github.isce4j.InvalidSetting;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The shape of a cluster a reproduction's plan is estimated for: executors and their cores. An
 * executor runs one cell at a time with all its cores as torch threads (DJL records gradients for
 * one model per process), so there are as many cells at once as executors.
 *
 * @param executors how many executors: cells at once
 * @param cores cores per executor: each cell's torch threads
 */
public record Cluster(int executors, int cores) {

    /**
     * Checks the shape.
     *
     * @param executors how many executors: cells at once
     * @param cores cores per executor: each cell's torch threads
     * @throws InvalidSetting naming the setting that is out of range
     */
    public Cluster {
        InvalidSetting.require(executors >= 1, "executors", "must be at least 1, got " + executors);
        InvalidSetting.require(cores >= 1, "cores", "must be at least 1, got " + cores);
    }

    /**
     * The time the cells take on this cluster as a run schedules them: wave after wave, within a
     * wave the longest first, each on the executor that frees first. A cell estimated at {@code s}
     * seconds with {@code localThreads} threads takes {@code s × localThreads / cores} there
     * (linear in cores: optimistic for the small networks).
     *
     * @param pending the cells with their estimates and waves
     * @param localThreads the threads the estimates were measured with
     * @return the estimated seconds from the first cell to the last
     */
    double makespan(List<CellRunner.PendingCell> pending, int localThreads) {
        double scale = localThreads / (double) cores;
        double total = 0;
        int waves =
                pending.stream().mapToInt(CellRunner.PendingCell::wave).max().orElse(-1) + 1;
        for (int w = 0; w < waves; w++) {
            int wave = w;
            List<Double> seconds = pending.stream()
                    .filter(c -> c.wave() == wave)
                    .map(c -> c.estimate() * scale)
                    .sorted(Comparator.reverseOrder())
                    .toList();
            PriorityQueue<Double> free = new PriorityQueue<>();
            for (int i = 0; i < Math.min(executors, seconds.size()); i++) {
                free.add(0.0);
            }
            double end = 0;
            for (double s : seconds) {
                double finish = free.poll() + s;
                end = Math.max(end, finish);
                free.add(finish);
            }
            total += end;
        }
        return total;
    }
}
