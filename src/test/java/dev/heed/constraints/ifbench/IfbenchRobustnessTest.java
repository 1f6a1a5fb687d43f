package dev.heed.constraints.ifbench;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import dev.heed.constraints.Constraint;
import dev.heed.constraints.ConstraintRegistry;
import dev.heed.constraints.ConstraintUnavailableException;
import dev.heed.constraints.text.SharedTestData;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every IFBench checker on a 1 MB response and on inputs built to trip quadratic or backtracking code
 * (deep nesting, long runs of one character, endless blank lines, pathological markdown and CSV). The
 * timeout is generous: it guards against blow-ups, it is not a speed target.
 */
class IfbenchRobustnessTest {
    private static final Map<String, String> INPUTS = new LinkedHashMap<>();

    @BeforeAll
    static void inputs() {
        INPUTS.put("1 MB of prose", "Question 1: Does the quick brown fox, \"Emma\" said, jump over the lazy dog? "
                .repeat((1 << 20) / 80) + "Yes!");
        INPUTS.put("100k asterisks", "*".repeat(100_000));
        INPUTS.put("100k-character line", "a".repeat(100_000));
        INPUTS.put("deep brackets", "(".repeat(100_000) + "]".repeat(100_000));
        INPUTS.put("deep quotes", "\"'".repeat(50_000));
        INPUTS.put("blank lines", " \n\n  \n".repeat(30_000) + "x");
        INPUTS.put("markdown", "* item\n  - sub\n**bold** __u__ `c` [l](u)\n".repeat(10_000));
        INPUTS.put("questions", "Question 1.\nA. a\n".repeat(20_000));
        INPUTS.put("csv", "\"a\",\"\"\"b\",c\rd\n".repeat(20_000) + "\"".repeat(50_000));
        INPUTS.put("html", "<i><em></i>".repeat(20_000));
        INPUTS.put("emoji", "😀🎉 ".repeat(50_000));
        INPUTS.put("dots", ". ".repeat(100_000));
        INPUTS.put("keywords", "giraffe door door ".repeat(30_000));
    }

    @Test
    void everyCheckerCompletesOnLargeAndAdversarialInput() {
        ConstraintRegistry registry = new ConstraintRegistry();
        IfbenchConstraints.registerAll(registry, SharedTestData.nltkData());
        List<Constraint> constraints = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : IfbenchSamples.all().entrySet()) {
            try {
                constraints.add(registry.create(e.getKey(), e.getValue(), ""));
            } catch (ConstraintUnavailableException unavailable) {
                // stopwords or tagger not installed: nothing to run
            }
        }
        for (Map.Entry<String, String> input : INPUTS.entrySet()) {
            for (Constraint c : constraints) {
                assertTimeoutPreemptively(Duration.ofSeconds(20), () -> c.check(input.getValue()),
                        () -> c.id() + " on " + input.getKey());
            }
        }
    }
}
