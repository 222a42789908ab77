package io.github.isce4j.spark;

import io.github.isce4j.reproduce.CellRunner;
import io.github.isce4j.reproduce.ClusterConnector;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.SparkConf;

/**
 * The Spark configuration of a reproduction: the master, the user's properties (which always
 * win), and defaults where the user set none: one cell per executor with all its cores (1 unless
 * {@code spark.executor.cores} says otherwise), where the executors find isce4j, 2 GB per executor
 * (a CIFAR-10 cell holds its data in the heap), and the allocator setting that ./isce uses.
 */
public final class SparkConnector implements ClusterConnector {

    /** What ./isce sets for libtorch's allocations (see the launcher). */
    private static final String GLIBC_TUNABLES = "glibc.malloc.arena_max=1:glibc.malloc.mmap_threshold=2147483647"
            + ":glibc.malloc.trim_threshold=4294967295:glibc.malloc.top_pad=268435456";

    @Override
    public CellRunner connect(String master, Map<String, String> conf) {
        return new SparkRunner(conf(master, conf));
    }

    /**
     * @param master the master URL
     * @param properties the user's Spark properties
     * @return the configuration: Spark's own defaults (spark-submit's and spark.* system properties),
     *     then isce4j's where those set nothing, then the user's
     */
    static SparkConf conf(String master, Map<String, String> properties) {
        SparkConf conf = new SparkConf().setMaster(master);
        properties.forEach(conf::set);
        oneCellPerExecutor(conf, master);
        conf.setIfMissing("spark.app.name", "isce reproduce");
        conf.setIfMissing("spark.executor.memory", "2g");
        conf.setIfMissing("spark.executorEnv.GLIBC_TUNABLES", GLIBC_TUNABLES);
        conf.setIfMissing("spark.executor.extraJavaOptions", "-Dai.djl.offline=true -XX:+UseSerialGC");
        Path code = codeSource();
        if (Files.isRegularFile(code)) {
            // a jar (./isce): ship it, unless spark-submit already does as the application's jar
            String jars = conf.get("spark.jars", "");
            if (!jars.contains(code.getFileName().toString())) {
                conf.set("spark.jars", jars.isEmpty() ? code.toString() : jars + "," + code);
            }
        } else {
            // classes in folders (the tests): executors on this machine read the same class path
            conf.setIfMissing("spark.executor.extraClassPath", System.getProperty("java.class.path"));
        }
        return conf;
    }

    /**
     * DJL records gradients for one model per process at a time, so an executor JVM runs one cell
     * at a time, with all its cores as torch threads: {@code spark.task.cpus} is the executor's
     * cores ({@code spark.executor.cores}, 1 unless set: one cell per core; {@code local[N]}: N).
     *
     * @throws IllegalArgumentException when the user set the two to different values
     */
    private static void oneCellPerExecutor(SparkConf conf, String master) {
        java.util.regex.Matcher local =
                java.util.regex.Pattern.compile("local\\[(\\d+|\\*)(,\\d+)?]").matcher(master);
        String cores = local.matches()
                ? (local.group(1).equals("*")
                        ? String.valueOf(Runtime.getRuntime().availableProcessors())
                        : local.group(1))
                : conf.get("spark.executor.cores", "1");
        conf.setIfMissing("spark.executor.cores", cores);
        String taskCpus = conf.get("spark.task.cpus", cores);
        if (!taskCpus.strip().equals(cores.strip())) {
            throw new IllegalArgumentException("spark.task.cpus " + taskCpus + " is not the executor's cores (" + cores
                    + "): an executor runs one cell at a time (DJL records gradients for one model per process), "
                    + "so each cell gets all its cores; set spark.executor.cores for the cores per cell");
        }
        conf.set("spark.task.cpus", cores);
    }

    private static Path codeSource() {
        try {
            return Path.of(SparkConnector.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot tell where isce4j's classes are", e);
        }
    }
}
