package dev.heed.constraints;

import com.fasterxml.jackson.databind.JsonNode;
import dev.heed.config.BadInputException;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Constraint ids and their factories. {@link #standard()} holds every built-in id; embedders may build
 * their own registry and add more.
 */
public final class ConstraintRegistry {
    /** Builds a constraint from validated kwargs; {@code prompt} is the instruction's full prompt (some ids need it). */
    @FunctionalInterface
    public interface Factory {
        Constraint create(Kwargs kwargs, String prompt);
    }

    private final Map<String, Factory> factories = new TreeMap<>();

    public ConstraintRegistry register(String id, Factory factory) {
        if (factories.putIfAbsent(id, factory) != null) throw new IllegalArgumentException("duplicate constraint id " + id);
        return this;
    }

    public Set<String> ids() {
        return Collections.unmodifiableSet(factories.keySet());
    }

    public boolean contains(String id) {
        return factories.containsKey(id);
    }

    public Constraint create(String id, JsonNode kwargs, String prompt) {
        Factory f = factories.get(id);
        if (f == null) throw new BadInputException("unknown constraint id '" + id + "'");
        return f.create(new Kwargs(id, kwargs), prompt);
    }
}
