package io.github.isce4j.attack;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonDeserializationContext;
import com.google.gson.JsonDeserializer;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonSerializationContext;
import com.google.gson.JsonSerializer;
import java.lang.reflect.Type;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes {@link AttackSpec}s as JSON objects: {@code "kind"} plus the record's fields,
 * e.g. {@code {"kind":"pgd","norm":"l2","eps":1.0,"steps":50,...}}. Reading runs the record's
 * constructor, so a stored spec is validated like a new one. Register it on a Gson with
 * {@link #register(GsonBuilder)}.
 */
public final class AttackSpecJson implements JsonSerializer<AttackSpec>, JsonDeserializer<AttackSpec> {

    /** Each kind's record, in the order of {@link AttackSpec}'s {@code permits} clause, the one list of kinds. */
    private static final Map<String, Class<? extends AttackSpec>> KINDS = byKind();

    // The records themselves go through a Gson without this adapter, which would recurse.
    private static final Gson RECORDS =
            new GsonBuilder().serializeSpecialFloatingPointValues().create();
    private static final Gson GSON =
            register(new GsonBuilder()).serializeSpecialFloatingPointValues().create();

    private static Map<String, Class<? extends AttackSpec>> byKind() {
        Map<String, Class<? extends AttackSpec>> kinds = new LinkedHashMap<>();
        for (Class<?> record : AttackSpec.class.getPermittedSubclasses()) {
            Class<? extends AttackSpec> previous =
                    kinds.put(AttackSpec.kindOf(record), record.asSubclass(AttackSpec.class));
            if (previous != null) {
                throw new IllegalStateException(previous.getName() + " and " + record.getName() + " are both of kind "
                        + AttackSpec.kindOf(record));
            }
        }
        return Collections.unmodifiableMap(kinds);
    }

    /** @return every attack kind, in the order of {@link AttackSpec}'s {@code permits} clause */
    public static Set<String> kinds() {
        return KINDS.keySet();
    }

    /**
     * @param builder a Gson builder
     * @return the builder, with attack specs read and written by kind
     */
    public static GsonBuilder register(GsonBuilder builder) {
        return builder.registerTypeHierarchyAdapter(AttackSpec.class, new AttackSpecJson());
    }

    /**
     * @param spec a spec
     * @return its JSON text
     */
    public static String toJson(AttackSpec spec) {
        return GSON.toJson(spec, AttackSpec.class);
    }

    /**
     * @param json JSON text written by {@link #toJson}
     * @return the spec
     * @throws IllegalArgumentException when the text is not a valid spec
     */
    public static AttackSpec fromJson(String json) {
        try {
            return GSON.fromJson(json, AttackSpec.class);
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("not an attack specification: " + e.getMessage(), e);
        }
    }

    @Override
    public JsonElement serialize(AttackSpec spec, Type type, JsonSerializationContext context) {
        JsonObject json = new JsonObject();
        json.addProperty("kind", spec.kind());
        RECORDS.toJsonTree(spec).getAsJsonObject().entrySet().forEach(e -> json.add(e.getKey(), e.getValue()));
        return json;
    }

    @Override
    public AttackSpec deserialize(JsonElement json, Type type, JsonDeserializationContext context) {
        if (!json.isJsonObject() || !json.getAsJsonObject().has("kind")) {
            throw new JsonParseException("an attack specification is an object with a \"kind\"");
        }
        String kind = json.getAsJsonObject().get("kind").getAsString();
        Class<? extends AttackSpec> record = KINDS.get(kind);
        if (record == null) {
            throw new JsonParseException("unknown attack kind '" + kind + "'; known: " + KINDS.keySet());
        }
        try {
            return RECORDS.fromJson(json, record);
        } catch (RuntimeException e) {
            // Gson wraps what the record's constructor threw; its message is the one that names the setting
            Throwable cause = e;
            while (cause.getCause() != null && !(cause instanceof IllegalArgumentException)) {
                cause = cause.getCause();
            }
            throw new JsonParseException(kind + ": " + cause.getMessage(), e);
        }
    }
}
