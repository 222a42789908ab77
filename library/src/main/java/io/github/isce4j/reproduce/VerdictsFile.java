package io.github.isce4j.reproduce;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonNull;
import com.google.gson.JsonPrimitive;
import com.google.gson.JsonSerializer;
import io.github.isce4j.AtomicFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * verdicts.json beside report.md: every judged claim as data (what the paper says, per I-SCE variant
 * and protocol our difference, the numbers it rests on and the verdict), for tools that compare
 * reproductions without parsing Markdown. A difference not measured is null; each measured one has
 * its 95 % paired bootstrap interval ({@code interval}: {@code low}, {@code high}), null where a
 * result file it rests on has no per-image outcomes. Format 2 added the interval and the verdict
 * "inconclusive".
 *
 * @param format the file's format id
 * @param budget the budget the claims were measured at
 * @param claims the claims, in the report's order
 */
record VerdictsFile(String format, String budget, List<ClaimVerdict> claims) {

    /** The file's name in the reproduction's folder. */
    static final String NAME = "verdicts.json";
    /** The format id written into it. */
    static final String FORMAT = "isce4j-verdicts/2";

    private static final JsonSerializer<Double> NAN_AS_NULL =
            (value, type, context) -> value.isNaN() ? JsonNull.INSTANCE : new JsonPrimitive(value);
    private static final Gson GSON = new GsonBuilder()
            .setPrettyPrinting()
            .serializeNulls()
            .disableHtmlEscaping()
            .registerTypeAdapter(Double.class, NAN_AS_NULL)
            .registerTypeAdapter(double.class, NAN_AS_NULL)
            .create();

    /**
     * Writes the file atomically.
     *
     * @param file where
     * @param budget the budget measured at
     * @param claims the judged claims
     * @throws IOException when it cannot be written
     */
    static void write(Path file, Budget budget, List<ClaimVerdict> claims) throws IOException {
        AtomicFile.writeString(file, GSON.toJson(new VerdictsFile(FORMAT, budget.id(), claims)) + "\n");
    }
}
