package io.github.isce4j.stats;

import java.util.List;
import java.util.Objects;

/** The check shared by the statistics over several parts. */
final class Parts {

    private Parts() {}

    /**
     * @param parts the parts
     * @param what the statistic's name, for the message
     * @return the parts, copied
     * @throws IllegalArgumentException when there are none or one is null
     */
    static List<Statistic> checked(List<Statistic> parts, String what) {
        if (parts == null || parts.isEmpty() || parts.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("a " + what + " needs at least one statistic and no null");
        }
        return List.copyOf(parts);
    }
}
