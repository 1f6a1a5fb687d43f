package dev.heed.constraints;

import com.fasterxml.jackson.databind.JsonNode;
import dev.heed.config.BadInputException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Typed, validated access to a constraint's JSON arguments. Every error names the constraint id and the
 * key. JSON nulls count as absent (the reference evaluator drops them). Factories read what they need,
 * then call {@link #done()}, which rejects keys nobody read.
 */
public final class Kwargs {
    private final String id;
    private final JsonNode node;
    private final Set<String> read = new HashSet<>();
    private final Map<String, Object> values = new LinkedHashMap<>();

    public Kwargs(String id, JsonNode node) {
        if (node != null && !node.isNull() && !node.isObject())
            throw new BadInputException(id + ": kwargs must be a JSON object, got " + node);
        this.id = id;
        this.node = node;
    }

    public String id() {
        return id;
    }

    private JsonNode get(String key) {
        read.add(key);
        JsonNode v = node == null ? null : node.get(key);
        return v == null || v.isNull() ? null : v;
    }

    public boolean has(String key) {
        return get(key) != null;
    }

    /** An error about {@code key} for checks a factory makes itself, e.g. {@code invalid("letter", "must be ...")}. */
    public BadInputException invalid(String key, String what) {
        return new BadInputException(id + ": kwarg '" + key + "' " + what);
    }

    private JsonNode required(String key) {
        JsonNode v = get(key);
        if (v == null) throw invalid(key, "is required");
        return v;
    }

    public int requiredInt(String key) {
        return integer(key, required(key));
    }

    /** An integer of at least {@code min}. */
    public int requiredInt(String key, int min) {
        int v = requiredInt(key);
        if (v < min) throw invalid(key, "must be at least " + min + ", got " + v);
        return v;
    }

    public Integer optionalInt(String key) {
        JsonNode v = get(key);
        return v == null ? null : integer(key, v);
    }

    private int integer(String key, JsonNode v) {
        if (!v.isIntegralNumber() || !v.canConvertToInt()) throw invalid(key, "must be an integer, got " + v);
        values.put(key, v.asInt());
        return v.asInt();
    }

    /**
     * A count that may also be written as a whole-valued float ({@code 4.0}): IFBench's data stores
     * every count that way.
     */
    public int requiredWholeNumber(String key) {
        JsonNode v = required(key);
        if (v.isIntegralNumber()) return integer(key, v);
        double d = v.isNumber() ? v.doubleValue() : Double.NaN;
        if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) throw invalid(key, "must be a whole number, got " + v);
        values.put(key, (int) d);
        return (int) d;
    }

    /** Any JSON number, read as a double (percentages). */
    public double requiredNumber(String key) {
        JsonNode v = required(key);
        if (!v.isNumber()) throw invalid(key, "must be a number, got " + v);
        values.put(key, v.numberValue());
        return v.doubleValue();
    }

    public String requiredString(String key) {
        return string(key, required(key));
    }

    public String optionalString(String key) {
        JsonNode v = get(key);
        return v == null ? null : string(key, v);
    }

    private String string(String key, JsonNode v) {
        if (!v.isTextual()) throw invalid(key, "must be a string, got " + v);
        values.put(key, v.asText());
        return v.asText();
    }

    /** A string restricted to {@code allowed} values. */
    public String requiredChoice(String key, List<String> allowed) {
        String s = requiredString(key);
        if (!allowed.contains(s)) throw invalid(key, "must be one of " + allowed + ", got '" + s + "'");
        return s;
    }

    public List<String> requiredStringList(String key) {
        JsonNode v = required(key);
        if (!v.isArray()) throw invalid(key, "must be a list of strings, got " + v);
        List<String> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isTextual()) throw invalid(key, "must be a list of strings, got element " + e);
            out.add(e.asText());
        }
        values.put(key, List.copyOf(out));
        return Collections.unmodifiableList(out);
    }

    /** Rejects keys that were given but not read by the constraint's factory. */
    public Map<String, Object> done() {
        if (node != null && !node.isNull()) {
            for (var it = node.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!read.contains(key) && !node.get(key).isNull())
                    throw new BadInputException(id + ": unknown kwarg '" + key + "'");
            }
        }
        return Collections.unmodifiableMap(values);
    }
}
