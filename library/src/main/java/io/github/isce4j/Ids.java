package io.github.isce4j;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Looks up the enum constant a command-line id names, case-insensitively, with one clear error. */
public final class Ids {

    private Ids() {}

    /**
     * @param values the constants
     * @param id each constant's id
     * @param name what the user typed
     * @param what what the id names, for the error, e.g. "norm"
     * @param choices the valid ids in words, for the error, e.g. "l2 or linf"
     * @param <E> the enum
     * @return the constant whose id is {@code name}
     * @throws IllegalArgumentException naming the valid ids when none matches
     */
    public static <E> E parse(E[] values, Function<E, String> id, String name, String what, String choices) {
        String wanted = name.toLowerCase(Locale.ROOT);
        for (E e : values) {
            if (id.apply(e).equals(wanted)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown " + what + " '" + name + "'; choose " + choices);
    }

    /**
     * @param values the constants
     * @param id each constant's id
     * @param <E> the enum
     * @return "one of a, b, c"
     */
    public static <E> String oneOf(E[] values, Function<E, String> id) {
        return "one of " + Arrays.stream(values).map(id).collect(Collectors.joining(", "));
    }
}
