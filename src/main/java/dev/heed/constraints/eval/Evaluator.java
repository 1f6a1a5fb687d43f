package dev.heed.constraints.eval;

import dev.heed.config.BadInputException;
import dev.heed.constraints.Constraint;
import dev.heed.constraints.ConstraintRegistry;
import dev.heed.constraints.ConstraintUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * The reference evaluator for any registry of constraints: builds each prompt's constraints from its
 * kwargs, then scores its response strictly and loosely. IFEval and IFBench differ only in the
 * registry and the data files.
 */
public final class Evaluator {
    /** Both modes' results, in the order of the prompts scored, and the prompts left out with why. */
    public record Report(List<EvalResult> strict, List<EvalResult> loose, List<Skipped> skipped) {
        public Report(List<EvalResult> strict, List<EvalResult> loose) {
            this(strict, loose, List.of());
        }
    }

    /** A prompt not scored: no response for it (when allowed), or a constraint whose data is missing. */
    public record Skipped(String where, String key, String reason) {}

    private final ConstraintRegistry registry;

    public Evaluator(ConstraintRegistry registry) {
        this.registry = registry;
    }

    /** The constraints of one prompt; a bad id or kwarg is reported with the row's {@code file:line}. */
    public List<Constraint> constraints(EvalPrompt prompt) {
        List<Constraint> out = new ArrayList<>();
        for (int i = 0; i < prompt.instructionIds().size(); i++) {
            String id = prompt.instructionIds().get(i);
            try {
                out.add(registry.create(id, prompt.kwargs().get(i), prompt.prompt()));
            } catch (BadInputException e) {
                throw new BadInputException(prompt.where() + ": instruction_id_list[" + i + "]: " + e.getMessage(), e);
            }
        }
        return out;
    }

    /**
     * Scores every prompt's response on {@code threads} threads (1 = the calling thread).
     * {@code progress} receives the count of finished prompts, from any thread.
     */
    public Report evaluate(List<EvalPrompt> prompts, Map<String, String> responses, int threads, IntConsumer progress) {
        return evaluate(prompts, responses, threads, progress, false);
    }

    /**
     * As above; with {@code allowMissing}, prompts that have no response are skipped (and reported)
     * instead of being an error. Prompts with a constraint that cannot run here (its NLTK data is
     * missing) are always skipped and reported, never scored as passed or failed.
     */
    public Report evaluate(List<EvalPrompt> all, Map<String, String> responses, int threads, IntConsumer progress,
                           boolean allowMissing) {
        List<EvalPrompt> prompts = new ArrayList<>();
        List<List<Constraint>> constraints = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (EvalPrompt p : all) {
            if (!responses.containsKey(p.prompt())) {
                String why = "no response for this prompt in the responses file";
                if (!allowMissing)
                    throw new BadInputException(p.where() + ": prompt: " + why + (p.key() == null ? "" : " (key " + p.key() + ")"));
                skipped.add(new Skipped(p.where(), keyText(p), why));
                continue;
            }
            try {
                constraints.add(constraints(p));
                prompts.add(p);
            } catch (ConstraintUnavailableException e) {
                skipped.add(new Skipped(p.where(), keyText(p), e.getMessage()));
            }
        }
        EvalResult[] strict = new EvalResult[prompts.size()];
        EvalResult[] loose = new EvalResult[prompts.size()];
        AtomicInteger done = new AtomicInteger();
        IntConsumer scoreOne = i -> {
            EvalPrompt p = prompts.get(i);
            String response = responses.get(p.prompt());
            List<String> variants = LooseVariants.of(response);
            List<Boolean> s = new ArrayList<>();
            List<Boolean> l = new ArrayList<>();
            for (Constraint c : constraints.get(i)) {
                s.add(Followed.strict(c, response));
                l.add(Followed.loose(c, variants));
            }
            strict[i] = new EvalResult(p.instructionIds(), p.prompt(), response, s);
            loose[i] = new EvalResult(p.instructionIds(), p.prompt(), response, l);
            progress.accept(done.incrementAndGet());
        };
        if (threads <= 1) {
            IntStream.range(0, prompts.size()).forEach(scoreOne);
        } else {
            ForkJoinPool pool = new ForkJoinPool(threads);
            try {
                pool.submit(() -> IntStream.range(0, prompts.size()).parallel().forEach(scoreOne)).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("evaluation interrupted", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new IllegalStateException(e.getCause());
            } finally {
                pool.shutdown();
            }
        }
        return new Report(List.of(strict), List.of(loose), List.copyOf(skipped));
    }

    private static String keyText(EvalPrompt p) {
        return p.key() == null || p.key().isNull() ? null : p.key().asText();
    }
}
