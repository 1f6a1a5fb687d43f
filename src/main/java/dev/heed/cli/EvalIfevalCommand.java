package dev.heed.cli;

import dev.heed.constraints.ConstraintRegistry;
import dev.heed.constraints.ifeval.IfevalConstraints;
import java.nio.file.Path;
import picocli.CommandLine.Command;

/** `heed eval ifeval`: Google's IFEval (541 prompts, 25 instruction types). */
@Command(name = "ifeval", mixinStandardHelpOptions = true,
        description = {"Score responses on IFEval exactly as its reference evaluator does (strict and loose).",
                "Writes OUT/eval_results_strict.jsonl, OUT/eval_results_loose.jsonl (the reference layout) and "
                        + "OUT/summary.json."})
final class EvalIfevalCommand extends DatasetEvalCommand {
    @Override
    String benchmark() {
        return "IFEval";
    }

    @Override
    ConstraintRegistry registry(Path nltkData) {
        ConstraintRegistry registry = new ConstraintRegistry();
        IfevalConstraints.registerAll(registry, nltkData);
        return registry;
    }
}
