package dev.heed.constraints.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The four headline accuracies (prompt- and instruction-level, strict and loose) with their counts,
 * and the accuracy of every instruction id and every family (the part before ':'), as the reference's
 * report computes them.
 */
public record EvalSummary(Counts strict, Counts loose, Map<String, PerId> perInstruction, Map<String, PerId> perFamily) {
    /** Followed prompts and instructions out of their totals in one mode. */
    public record Counts(int prompts, int promptsFollowed, int instructions, int instructionsFollowed) {
        public double promptAccuracy() {
            return prompts == 0 ? 0 : (double) promptsFollowed / prompts;
        }

        public double instructionAccuracy() {
            return instructions == 0 ? 0 : (double) instructionsFollowed / instructions;
        }
    }

    /** One id's (or family's) count and how many followed, in each mode. */
    public record PerId(int count, int strictFollowed, int looseFollowed) {
        public double strictAccuracy() {
            return (double) strictFollowed / count;
        }

        public double looseAccuracy() {
            return (double) looseFollowed / count;
        }
    }

    public static EvalSummary of(Evaluator.Report report) {
        Map<String, int[]> ids = new TreeMap<>();
        Map<String, int[]> families = new TreeMap<>();
        tally(report.strict(), ids, families, 1);
        tally(report.loose(), ids, families, 2);
        return new EvalSummary(counts(report.strict()), counts(report.loose()), perId(ids), perId(families));
    }

    private static Counts counts(List<EvalResult> results) {
        int prompts = 0;
        int promptsFollowed = 0;
        int instructions = 0;
        int instructionsFollowed = 0;
        for (EvalResult r : results) {
            prompts++;
            promptsFollowed += r.followedAll() ? 1 : 0;
            instructions += r.followed().size();
            instructionsFollowed += (int) r.followed().stream().filter(f -> f).count();
        }
        return new Counts(prompts, promptsFollowed, instructions, instructionsFollowed);
    }

    /** slot 0: count (from the strict pass), 1: strict followed, 2: loose followed. */
    private static void tally(List<EvalResult> results, Map<String, int[]> ids, Map<String, int[]> families, int slot) {
        for (EvalResult r : results) {
            for (int i = 0; i < r.instructionIds().size(); i++) {
                String id = r.instructionIds().get(i);
                String family = id.contains(":") ? id.substring(0, id.indexOf(':')) : id;
                for (int[] t : List.of(ids.computeIfAbsent(id, k -> new int[3]),
                        families.computeIfAbsent(family, k -> new int[3]))) {
                    if (slot == 1) {
                        t[0]++;
                    }
                    t[slot] += r.followed().get(i) ? 1 : 0;
                }
            }
        }
    }

    private static Map<String, PerId> perId(Map<String, int[]> tallies) {
        Map<String, PerId> out = new LinkedHashMap<>();
        tallies.forEach((k, t) -> out.put(k, new PerId(t[0], t[1], t[2])));
        return out;
    }
}
