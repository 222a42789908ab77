package io.github.isce4j.spark;

import java.io.Serializable;

/**
 * What a task is sent: the key of the cell to run and, for its log and messages, what it is.
 *
 * @param key the cell's key
 * @param description e.g. "train ResNet-32 MNIST I-SCE (paper variant)"
 */
record CellToRun(String key, String description) implements Serializable {}
