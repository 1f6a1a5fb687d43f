package dev.heed.constraints.ifbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.heed.constraints.Constraint;
import dev.heed.constraints.ConstraintRegistry;
import dev.heed.constraints.ConstraintUnavailableException;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The 174 checker cases extracted from upstream IFBench's {@code instructions_test.py}. Upstream's
 * tests follow its latest checkers; Heed follows the checkers that produced the published results,
 * so the cases where the two versions differ are excluded below, each with its reason. Cases for
 * IFEval ids (the file has a few) belong to the IFEval checkers and are skipped here.
 */
class IfbenchUnitCasesTest {
    /** Line number (0-based) of an excluded case, and why the case, not the checker, is wrong for Heed. */
    private static final Map<Integer, String> EXCLUDED = Map.of();

    private static ConstraintRegistry registry;
    private static List<JsonNode> cases;

    @BeforeAll
    static void load() {
        registry = IfbenchData.registry();
        cases = IfbenchData.jsonl("unit_cases_unverified.jsonl");
    }

    static Stream<Arguments> lines() {
        // The data may be absent; then every case reports the skip on its own.
        return IntStream.range(0, 174).mapToObj(Arguments::of);
    }

    @ParameterizedTest(name = "case {0}")
    @MethodSource("lines")
    void agreesWithUpstreamCase(int line) {
        JsonNode c = cases.get(line);
        String id = c.get("id").asText();
        assumeTrue(registry.contains(id), id + " is an IFEval id, tested with the IFEval checkers");
        assumeFalse(EXCLUDED.containsKey(line), () -> "excluded: " + EXCLUDED.get(line));
        Constraint constraint;
        try {
            constraint = registry.create(id, c.get("kwargs"), "");
        } catch (ConstraintUnavailableException e) {
            assumeTrue(false, e.getMessage());
            return;
        }
        assertEquals(c.get("expected").asBoolean(), constraint.check(c.get("response").asText()),
                () -> id + " " + c.get("kwargs") + " on " + c.get("response"));
    }
}
