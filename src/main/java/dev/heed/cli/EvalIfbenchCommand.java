package dev.heed.cli;

import dev.heed.constraints.ConstraintRegistry;
import dev.heed.constraints.ifbench.IfbenchConstraints;
import java.nio.file.Path;
import picocli.CommandLine.Command;

/** `heed eval ifbench`: AllenAI's IFBench (300 prompts, 58 out-of-distribution constraint types). */
@Command(name = "ifbench", mixinStandardHelpOptions = true,
        description = {"Score responses on IFBench exactly as its reference evaluator does (strict and loose).",
                "Writes OUT/eval_results_strict.jsonl, OUT/eval_results_loose.jsonl (the reference layout) and "
                        + "OUT/summary.json. Constraints whose NLTK data is missing are reported and not scored."})
final class EvalIfbenchCommand extends DatasetEvalCommand {
    @Override
    String benchmark() {
        return "IFBench";
    }

    @Override
    ConstraintRegistry registry(Path nltkData) {
        ConstraintRegistry registry = new ConstraintRegistry();
        IfbenchConstraints.registerAll(registry, nltkData);
        return registry;
    }
}
