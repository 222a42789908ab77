package io.github.isce4j.loss;

import com.google.gson.JsonObject;
import io.github.isce4j.InvalidSetting;
import java.util.Locale;

/** Checks, JSON access and formatting shared by the {@link LossConfig} records. */
final class Settings {

    private Settings() {}

    /**
     * Requires a finite value &ge; 0.
     *
     * @param setting the setting's config.json name
     * @throws InvalidSetting naming it otherwise
     */
    static void requireNonNegative(float value, String setting) {
        InvalidSetting.require(value >= 0 && Float.isFinite(value), setting, "must be >= 0, got " + value);
    }

    /**
     * Requires a finite value &gt; 0.
     *
     * @param setting the setting's config.json name
     * @throws InvalidSetting naming it otherwise
     */
    static void requirePositive(float value, String setting) {
        InvalidSetting.require(value > 0 && Float.isFinite(value), setting, "must be > 0, got " + value);
    }

    /** @return a fresh object holding {@code "loss": name's id} */
    static JsonObject json(LossName name) {
        JsonObject json = new JsonObject();
        json.addProperty(LossConfig.LOSS_KEY, name.id());
        return json;
    }

    /** @return the float under {@code key}, or {@code fallback} when the key is absent (older files) */
    static float floatOr(JsonObject json, String key, float fallback) {
        return json.has(key) ? json.get(key).getAsFloat() : fallback;
    }

    /** Formats with the root locale, so that 0.1 prints as 0.1 on every machine. */
    static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
