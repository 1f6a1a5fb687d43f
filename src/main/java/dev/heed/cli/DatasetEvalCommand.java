package dev.heed.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.heed.config.AtomicFiles;
import dev.heed.config.JsonFiles;
import dev.heed.constraints.ConstraintRegistry;
import dev.heed.constraints.eval.EvalInputs;
import dev.heed.constraints.eval.EvalPrompt;
import dev.heed.constraints.eval.EvalSummary;
import dev.heed.constraints.eval.Evaluator;
import dev.heed.constraints.eval.ReferenceLayout;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The shared body of `heed eval BENCHMARK`: read prompts (IFEval's input format) and responses, score
 * them with the benchmark's registry, write the reference-layout results and a summary, print the
 * headline numbers and a per-instruction table. A subclass names the benchmark and its registry.
 */
abstract class DatasetEvalCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--prompts", required = true, paramLabel = "FILE",
            description = "JSONL prompts in IFEval's input format: key, prompt, instruction_id_list, kwargs")
    Path prompts;

    @Option(names = "--responses", required = true, paramLabel = "FILE",
            description = "JSONL rows with prompt and response")
    Path responses;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "folder for the results (created if needed)")
    Path out;

    @Option(names = "--nltk-data", paramLabel = "DIR",
            description = "NLTK data folder searched first (default: $NLTK_DATA, ~/nltk_data, /usr/share/nltk_data, ...)")
    Path nltkData;

    @Option(names = "--threads", paramLabel = "N", description = "worker threads; default: all cores")
    Integer threads;

    @Option(names = "--allow-missing", description = "skip (and report) prompts that have no response instead of failing")
    boolean allowMissing;

    abstract String benchmark();

    abstract ConstraintRegistry registry(Path nltkData);

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        List<EvalPrompt> rows = EvalInputs.readPrompts(prompts);
        Map<String, String> answers = EvalInputs.readResponses(responses);
        Evaluator evaluator = new Evaluator(registry(nltkData));
        int workers = threads == null ? Runtime.getRuntime().availableProcessors() : Math.max(1, threads);
        long start = System.nanoTime();
        ProgressBar progress = new ProgressBar(err, "scoring", rows.size());
        Evaluator.Report report = evaluator.evaluate(rows, answers, workers, progress::update, allowMissing);
        progress.finish();
        EvalSummary summary = EvalSummary.of(report);
        ReferenceLayout.write(out.resolve("eval_results_strict.jsonl"), report.strict());
        ReferenceLayout.write(out.resolve("eval_results_loose.jsonl"), report.loose());
        AtomicFiles.writeString(out.resolve("summary.json"), summaryJson(summary, report));
        print(spec.commandLine().getOut(), summary, (System.nanoTime() - start) / 1e9);
        for (Evaluator.Skipped skip : report.skipped())
            err.println("heed: warning: not scored: " + skip.where() + (skip.key() == null ? "" : " (key " + skip.key() + ")")
                    + ": " + skip.reason());
        return Main.OK;
    }

    private String summaryJson(EvalSummary s, Evaluator.Report report) {
        ObjectNode root = JsonFiles.MAPPER.createObjectNode();
        root.put("benchmark", benchmark());
        root.put("prompts_file", prompts.toString());
        root.put("responses_file", responses.toString());
        root.put("prompt_strict", s.strict().promptAccuracy());
        root.put("instruction_strict", s.strict().instructionAccuracy());
        root.put("prompt_loose", s.loose().promptAccuracy());
        root.put("instruction_loose", s.loose().instructionAccuracy());
        var skipped = root.putArray("skipped");
        for (Evaluator.Skipped skip : report.skipped())
            skipped.addObject().put("where", skip.where()).put("key", skip.key()).put("reason", skip.reason());
        ObjectNode counts = root.putObject("counts");
        counts.put("prompts", s.strict().prompts());
        counts.put("instructions", s.strict().instructions());
        counts.put("prompt_strict", s.strict().promptsFollowed());
        counts.put("instruction_strict", s.strict().instructionsFollowed());
        counts.put("prompt_loose", s.loose().promptsFollowed());
        counts.put("instruction_loose", s.loose().instructionsFollowed());
        perId(root.putObject("per_instruction"), s.perInstruction());
        perId(root.putObject("per_family"), s.perFamily());
        try {
            return JsonFiles.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void perId(ObjectNode node, Map<String, EvalSummary.PerId> rows) {
        rows.forEach((id, r) -> {
            ObjectNode o = node.putObject(id);
            o.put("count", r.count());
            o.put("strict", r.strictAccuracy());
            o.put("loose", r.looseAccuracy());
            o.put("strict_followed", r.strictFollowed());
            o.put("loose_followed", r.looseFollowed());
        });
    }

    private void print(PrintWriter w, EvalSummary s, double seconds) {
        w.printf("%s: %d prompts, %d instructions (%.1f s)%n", benchmark(), s.strict().prompts(),
                s.strict().instructions(), seconds);
        w.printf("  prompt-level strict       %.5f  (%d/%d)%n", s.strict().promptAccuracy(),
                s.strict().promptsFollowed(), s.strict().prompts());
        w.printf("  instruction-level strict  %.5f  (%d/%d)%n", s.strict().instructionAccuracy(),
                s.strict().instructionsFollowed(), s.strict().instructions());
        w.printf("  prompt-level loose        %.5f  (%d/%d)%n", s.loose().promptAccuracy(),
                s.loose().promptsFollowed(), s.loose().prompts());
        w.printf("  instruction-level loose   %.5f  (%d/%d)%n", s.loose().instructionAccuracy(),
                s.loose().instructionsFollowed(), s.loose().instructions());
        w.println();
        int width = s.perInstruction().keySet().stream().mapToInt(String::length).max().orElse(10);
        w.printf("  %-" + width + "s  %5s  %7s  %7s%n", "instruction", "count", "strict", "loose");
        s.perInstruction().forEach((id, r) -> w.printf("  %-" + width + "s  %5d  %7.4f  %7.4f%n", id, r.count(),
                r.strictAccuracy(), r.looseAccuracy()));
        w.println();
        w.println("wrote " + out.resolve("eval_results_strict.jsonl") + ", " + out.resolve("eval_results_loose.jsonl")
                + ", " + out.resolve("summary.json"));
    }
}
