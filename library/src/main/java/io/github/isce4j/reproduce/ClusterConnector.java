package io.github.isce4j.reproduce;

import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Makes the {@link CellRunner} that runs a reproduction's cells on a cluster. The module
 * isce4j-spark provides one for Apache Spark; it is found with {@link ServiceLoader}, so that
 * without it on the class path nothing of a cluster is loaded.
 */
public interface ClusterConnector {

    /**
     * @param master the cluster's master URL, e.g. {@code spark://host:7077} or {@code local[4]}
     * @param conf properties of the cluster's own, e.g. {@code spark.executor.memory=4g}
     * @return the runner; it connects when it runs and disconnects when it is done
     */
    CellRunner connect(String master, Map<String, String> conf);

    /** @return the connector on the class path, if any */
    static Optional<ClusterConnector> find() {
        return ServiceLoader.load(ClusterConnector.class).findFirst();
    }
}
