package io.github.isce4j.spark;

import java.io.Serializable;

/**
 * What one task did with its cell, sent back to the driver.
 *
 * @param key the cell's key
 * @param seconds how long the cell took; NaN when an earlier copy had finished it
 * @param failure why the cell failed, in one line; null when it did not
 * @param badInput whether the failure is the user's to fix (a setting, the data, the folder)
 */
record Outcome(String key, double seconds, String failure, boolean badInput) implements Serializable {

    static Outcome done(String key, double seconds) {
        return new Outcome(key, seconds, null, false);
    }

    static Outcome failed(String key, String failure, boolean badInput) {
        return new Outcome(key, Double.NaN, failure, badInput);
    }

    boolean failed() {
        return failure != null;
    }
}
