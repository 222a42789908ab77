/**
 * {@code isce reproduce} on an Apache Spark cluster: the driver expands the recipes into cells as
 * in process, and runs them wave by wave (the trainings, then the cells that measure the trained
 * models), one Spark task per cell, the longest first. Every executor writes its cells' result files
 * into the reproduction's folder, which must be one file system they all see; the driver proves that
 * with a token file before any work. A lost executor's cell runs again elsewhere; a cell that fails
 * on its own (a bad setting, missing data) stops the run with its one-line message.
 *
 * <p>Found by {@link io.github.isce4j.reproduce.ClusterConnector#find()}: without this module on the
 * class path, nothing of Spark is loaded.
 */
package io.github.isce4j.spark;
