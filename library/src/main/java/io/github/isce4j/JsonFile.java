package io.github.isce4j;

import com.google.gson.Gson;
import java.io.IOException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;

/**
 * Reads a JSON file isce4j wrote earlier, so that a damaged one (cut short, edited, of another
 * shape) is refused with one line naming the file and what to do, never an internal error.
 */
public final class JsonFile {

    private JsonFile() {}

    /**
     * @param file the file
     * @param gson reads it
     * @param type what it holds
     * @param complete whether a parsed value has every field it needs, in range
     * @param advice what the user can do, e.g. "delete it to compute it again"
     * @param <T> what it holds
     * @return the value
     * @throws IllegalArgumentException naming the file when it cannot be read, is not JSON of that
     *     shape, holds JSON null, or is not {@code complete}
     */
    public static <T> T read(Path file, Gson gson, Type type, Predicate<T> complete, String advice) {
        T value;
        try {
            value = gson.fromJson(Files.readString(file, StandardCharsets.UTF_8), type);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read " + file + " (" + firstLine(e) + "); " + advice, e);
        }
        if (value == null) {
            throw new IllegalArgumentException(file + " is empty; " + advice);
        }
        boolean ok;
        try {
            ok = complete.test(value);
        } catch (RuntimeException e) {
            ok = false;
        }
        if (!ok) {
            throw new IllegalArgumentException(file + " is damaged (a value is missing or out of range); " + advice);
        }
        return value;
    }

    /**
     * Gson appends a line of troubleshooting advice for its own developers, and names its own
     * exception class; the user needs the first line without it.
     *
     * @param e what was thrown
     * @return its message's first line
     */
    public static String firstLine(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String line = message.lines().findFirst().orElse(message).strip();
        return line.replaceFirst("^[a-z.]+\\.[A-Za-z]+Exception: ", "");
    }
}
