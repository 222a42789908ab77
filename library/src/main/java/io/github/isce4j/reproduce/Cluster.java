package io.github.isce4j.reproduce;

import io.github.isce4j.InvalidSetting;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The shape of a cluster a reproduction's plan is estimated for: executors, their cores and the
 * cores each cell's task gets ({@code spark.task.cpus}, its torch threads).
 *
 * @param executors how many executors
 * @param cores cores per executor
 * @param taskCpus cores per cell, at most {@code cores}
 */
public record Cluster(int executors, int cores, int taskCpus) {

    /**
     * Checks the shape.
     *
     * @param executors how many executors
     * @param cores cores per executor
     * @param taskCpus cores per cell, at most {@code cores}
     * @throws InvalidSetting naming the setting that is out of range
     */
    public Cluster {
        InvalidSetting.require(executors >= 1, "executors", "must be at least 1, got " + executors);
        InvalidSetting.require(cores >= 1, "cores", "must be at least 1, got " + cores);
        InvalidSetting.require(
                taskCpus >= 1 && taskCpus <= cores,
                "spark.task.cpus",
                "must be between 1 and the cores per executor (" + cores + "), got " + taskCpus);
    }

    /** @return how many cells run at once */
    public int slots() {
        return executors * (cores / taskCpus);
    }

    /**
     * The time the cells take on this cluster as a run schedules them: wave after wave, within a
     * wave the longest first, each on the slot that frees first. A cell estimated at {@code s}
     * seconds with {@code localThreads} threads takes {@code s × localThreads / taskCpus} on a slot
     * (linear in cores: optimistic for the small networks).
     *
     * @param pending the cells with their estimates and waves
     * @param localThreads the threads the estimates were measured with
     * @return the estimated seconds from the first cell to the last
     */
    double makespan(List<CellRunner.PendingCell> pending, int localThreads) {
        double scale = localThreads / (double) taskCpus;
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
            for (int i = 0; i < Math.min(slots(), seconds.size()); i++) {
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
