package io.github.isce4j.attack;

import com.google.gson.annotations.SerializedName;
import io.github.isce4j.Ids;

/** How an attack's radius is to be read (docs/method.md §3). */
public enum Protocol {
    /** True L2/L∞ radii in [0, 1] pixel units, projected every step; worst case over the attack losses. */
    @SerializedName("bounded")
    BOUNDED("bounded"),
    /** The authors' script: unprojected sign steps whose per-step size is the paper's ε. */
    @SerializedName("paper")
    PAPER("paper");

    private final String id;

    Protocol(String id) {
        this.id = id;
    }

    /** @return the name used in tables and on the command line */
    public String id() {
        return id;
    }

    /**
     * @param name "bounded" or "paper", any case
     * @return the protocol
     * @throws IllegalArgumentException for another name
     */
    public static Protocol parse(String name) {
        return Ids.parse(values(), Protocol::id, name, "protocol", "bounded or paper");
    }

    @Override
    public String toString() {
        return id;
    }
}
