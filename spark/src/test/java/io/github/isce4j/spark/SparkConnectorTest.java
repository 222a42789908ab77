package io.github.isce4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

/** One cell per executor JVM: the task gets all the executor's cores, and the user's settings win. */
class SparkConnectorTest {

    @Test
    void aTaskGetsAllTheExecutorsCores() {
        SparkConf cluster = SparkConnector.conf("spark://head:7077", Map.of());
        assertEquals("1", cluster.get("spark.executor.cores"));
        assertEquals("1", cluster.get("spark.task.cpus"));
        SparkConf four = SparkConnector.conf("spark://head:7077", Map.of("spark.executor.cores", "4"));
        assertEquals("4", four.get("spark.task.cpus"));
        assertEquals("3", SparkConnector.conf("local[3]", Map.of()).get("spark.task.cpus"));
        assertEquals(
                String.valueOf(Runtime.getRuntime().availableProcessors()),
                SparkConnector.conf("local[*]", Map.of()).get("spark.task.cpus"));
        assertEquals(
                "4g",
                SparkConnector.conf("local[1]", Map.of("spark.executor.memory", "4g"))
                        .get("spark.executor.memory"));
        assertEquals("2g", cluster.get("spark.executor.memory"));
    }

    @Test
    void twoCellsInOneExecutorAreRefused() {
        IllegalArgumentException refused = assertThrows(
                IllegalArgumentException.class,
                () -> SparkConnector.conf(
                        "spark://head:7077", Map.of("spark.executor.cores", "8", "spark.task.cpus", "1")));
        assertTrue(
                refused.getMessage().contains("spark.task.cpus 1 is not the executor's cores (8)"),
                refused.getMessage());
    }
}
