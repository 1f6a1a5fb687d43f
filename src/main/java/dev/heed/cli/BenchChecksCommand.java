package dev.heed.cli;

import dev.heed.config.BadInputException;
import dev.heed.constraints.Constraint;
import dev.heed.constraints.ConstraintRegistry;
import dev.heed.constraints.eval.EvalInputs;
import dev.heed.constraints.eval.EvalPrompt;
import dev.heed.constraints.eval.Evaluator;
import dev.heed.constraints.eval.Followed;
import dev.heed.constraints.eval.LooseVariants;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * `heed bench checks`: constraint checks per second over a response set, every constraint in both
 * modes, on one thread and on all cores. A "check" is one constraint scored in one mode (a loose check
 * may call the checker up to eight times, once per response variant).
 */
@Command(name = "checks", mixinStandardHelpOptions = true,
        description = "Constraint checks per second (strict and loose) on one thread and on all cores.")
final class BenchChecksCommand implements java.util.concurrent.Callable<Integer> {
    private static final String DATA = "../shared/data/ifeval/reference/";

    @Spec
    CommandSpec spec;

    @Option(names = "--prompts", paramLabel = "FILE", defaultValue = DATA + "input_data_gpt4_20231107.jsonl",
            description = "prompts in IFEval's format; default: ${DEFAULT-VALUE}")
    Path prompts;

    @Option(names = "--responses", paramLabel = "FILE", defaultValue = DATA + "responses_gpt4_20231107.jsonl",
            description = "responses; default: ${DEFAULT-VALUE}")
    Path responses;

    @Option(names = "--nltk-data", paramLabel = "DIR", description = "NLTK data folder searched first")
    Path nltkData;

    @Option(names = "--seconds", defaultValue = "10", description = "measuring time per setting; default: ${DEFAULT-VALUE}")
    double seconds;

    @Option(names = "--threads", paramLabel = "N", description = "threads for the parallel run; default: all cores")
    Integer threads;

    private record Item(String response, List<Constraint> constraints) {}

    @Override
    public Integer call() {
        if (seconds <= 0) {
            throw new BadInputException("--seconds must be positive, got " + seconds);
        }
        PrintWriter out = spec.commandLine().getOut();
        List<EvalPrompt> rows = EvalInputs.readPrompts(prompts);
        Map<String, String> answers = EvalInputs.readResponses(responses);
        Evaluator evaluator = new Evaluator(ConstraintRegistry.standard(nltkData));
        List<Item> items = new ArrayList<>();
        int instructions = 0;
        for (EvalPrompt p : rows) {
            String response = answers.get(p.prompt());
            if (response == null) {
                throw new BadInputException(p.where() + ": prompt: no response for this prompt in " + responses);
            }
            List<Constraint> cs = evaluator.constraints(p);
            instructions += cs.size();
            items.add(new Item(response, cs));
        }
        int perPass = 2 * instructions;
        int cores = threads == null ? Runtime.getRuntime().availableProcessors() : Math.max(1, threads);
        out.printf("bench checks: %d prompts, %d instructions; one pass = %d checks (each instruction strict and loose)%n",
                items.size(), instructions, perPass);
        out.printf("JVM %s, %d cores available%n", System.getProperty("java.vm.version"),
                Runtime.getRuntime().availableProcessors());
        runPasses(items, 1, Math.min(3, seconds)); // warm-up: class loading, profiles, JIT
        double single = runPasses(items, 1, seconds) * perPass;
        out.printf("  1 thread:   %,12.0f checks/s%n", single);
        if (cores > 1) {
            runPasses(items, cores, Math.min(2, seconds));
            double parallel = runPasses(items, cores, seconds) * perPass;
            out.printf("  %d threads: %,12.0f checks/s (%.2fx)%n", cores, parallel, parallel / single);
        }
        out.println("  mean time per strict check, by instruction (1 thread):");
        costPerId(items).forEach((id, micros) -> out.printf("    %-46s %10.1f us%n", id, micros));
        return Main.OK;
    }

    /** Passes per second over the whole set, measured for about {@code seconds}. */
    private static double runPasses(List<Item> items, int threads, double seconds) {
        long start = System.nanoTime();
        long budget = (long) (seconds * 1e9);
        int passes = 0;
        ForkJoinPool pool = threads > 1 ? new ForkJoinPool(threads) : null;
        try {
            do {
                if (pool == null) {
                    items.forEach(BenchChecksCommand::scoreAll);
                } else {
                    pool.submit(() -> IntStream.range(0, items.size()).parallel()
                            .forEach(i -> scoreAll(items.get(i)))).get();
                }
                passes++;
            } while (System.nanoTime() - start < budget);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            if (pool != null) {
                pool.shutdown();
            }
        }
        return passes / ((System.nanoTime() - start) / 1e9);
    }

    private static int sink;

    private static void scoreAll(Item item) {
        List<String> variants = LooseVariants.of(item.response());
        int followed = 0;
        for (Constraint c : item.constraints()) {
            followed += Followed.strict(c, item.response()) ? 1 : 0;
            followed += Followed.loose(c, variants) ? 1 : 0;
        }
        sink += followed;
    }

    private static Map<String, Double> costPerId(List<Item> items) {
        Map<String, long[]> totals = new TreeMap<>();
        for (int round = 0; round < 3; round++) {
            for (Item item : items) {
                for (Constraint c : item.constraints()) {
                    long t0 = System.nanoTime();
                    sink += Followed.strict(c, item.response()) ? 1 : 0;
                    long[] t = totals.computeIfAbsent(c.id(), k -> new long[2]);
                    t[0] += System.nanoTime() - t0;
                    t[1]++;
                }
            }
        }
        Map<String, Double> out = new TreeMap<>();
        totals.forEach((id, t) -> out.put(id, t[0] / 1e3 / t[1]));
        return out;
    }
}
