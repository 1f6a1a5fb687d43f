package dev.heed.constraints;

import com.fasterxml.jackson.databind.JsonNode;
import dev.heed.config.BadInputException;
import dev.heed.constraints.ifbench.IfbenchConstraints;
import dev.heed.constraints.ifeval.IfevalConstraints;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
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

    /** Adds a family of built-in ids; {@code nltkData} (may be null) overrides where NLTK data is looked for first. */
    @FunctionalInterface
    public interface Registrar {
        void registerAll(ConstraintRegistry registry, Path nltkData);
    }

    /** The built-in families, in the order their ids are added. */
    private static final List<Registrar> BUILT_IN = List.of(
            IfevalConstraints::registerAll,
            IfbenchConstraints::registerAll);

    private static final class Standard {
        static final ConstraintRegistry INSTANCE = standard(null);
    }

    private final Map<String, Factory> factories = new TreeMap<>();

    /** Every built-in id, NLTK data from the standard locations; shared (model data loads on first use). */
    public static ConstraintRegistry standard() {
        return Standard.INSTANCE;
    }

    /** A new registry with every built-in id, searching {@code nltkData} (may be null) first for NLTK data. */
    public static ConstraintRegistry standard(Path nltkData) {
        ConstraintRegistry registry = new ConstraintRegistry();
        for (Registrar r : BUILT_IN) r.registerAll(registry, nltkData);
        return registry;
    }

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
