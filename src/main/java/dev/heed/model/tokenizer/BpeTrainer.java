package dev.heed.model.tokenizer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plain BPE training (Sennrich et al.): repeatedly merge the most frequent adjacent pair of symbols
 * across all words, weighted by word frequency. Ties go to the lexicographically smallest pair, so the
 * result depends only on the word counts, never on hash or iteration order.
 */
final class BpeTrainer {
    record Merge(String left, String right) {}

    private final List<String> symbols = new ArrayList<>();
    private final Map<String, Integer> symbolIds = new HashMap<>();
    private final int[][] words;
    private final int[] frequencies;
    private final Map<Long, Integer> pairCounts = new HashMap<>();
    /** Words that contained the pair when it was counted; may hold stale entries, which merge to no change. */
    private final Map<Long, Set<Integer>> wordsWithPair = new HashMap<>();

    private BpeTrainer(Map<String, Integer> wordCounts) {
        words = new int[wordCounts.size()][];
        frequencies = new int[wordCounts.size()];
        int w = 0;
        for (Map.Entry<String, Integer> e : wordCounts.entrySet()) {
            String word = e.getKey();
            words[w] = word.codePoints().map(cp -> symbolId(Character.toString(cp))).toArray();
            frequencies[w] = e.getValue();
            countPairs(w, +1);
            w++;
        }
    }

    /**
     * Learns merges until they have made {@code newSymbols} distinct symbols, starting from one symbol per
     * code point; stops early when every word has become a single symbol. Two merges can make the same
     * symbol (a+bc and ab+c), so there may be more merges than new symbols.
     */
    static List<Merge> learn(Map<String, Integer> wordCounts, int newSymbols) {
        BpeTrainer trainer = new BpeTrainer(wordCounts);
        int target = trainer.symbols.size() + newSymbols;
        List<Merge> merges = new ArrayList<>();
        while (trainer.symbols.size() < target) {
            Long best = trainer.mostFrequentPair();
            if (best == null) break;
            merges.add(trainer.merge(best));
        }
        return merges;
    }

    private Long mostFrequentPair() {
        Long best = null;
        int bestCount = 0;
        for (Map.Entry<Long, Integer> e : pairCounts.entrySet()) {
            int count = e.getValue();
            if (count > bestCount || (count == bestCount && comparePairs(e.getKey(), best) < 0)) {
                best = e.getKey();
                bestCount = count;
            }
        }
        return best;
    }

    private int comparePairs(long a, long b) {
        int byLeft = symbols.get(left(a)).compareTo(symbols.get(left(b)));
        return byLeft != 0 ? byLeft : symbols.get(right(a)).compareTo(symbols.get(right(b)));
    }

    private Merge merge(long pair) {
        int left = left(pair), right = right(pair);
        Merge merge = new Merge(symbols.get(left), symbols.get(right));
        int merged = symbolId(merge.left() + merge.right());
        for (int w : wordsWithPair.remove(pair)) {
            int[] replaced = replacePair(words[w], left, right, merged);
            if (replaced.length == words[w].length) continue;
            countPairs(w, -1);
            words[w] = replaced;
            countPairs(w, +1);
        }
        return merge;
    }

    private static int[] replacePair(int[] word, int left, int right, int merged) {
        int[] out = new int[word.length];
        int n = 0;
        for (int i = 0; i < word.length; i++) {
            if (i + 1 < word.length && word[i] == left && word[i + 1] == right) {
                out[n++] = merged;
                i++;
            } else {
                out[n++] = word[i];
            }
        }
        return n == word.length ? word : Arrays.copyOf(out, n);
    }

    private void countPairs(int w, int sign) {
        int[] word = words[w];
        for (int i = 0; i + 1 < word.length; i++) {
            long pair = pair(word[i], word[i + 1]);
            int count = pairCounts.getOrDefault(pair, 0) + sign * frequencies[w];
            if (count == 0) {
                pairCounts.remove(pair);
            } else {
                pairCounts.put(pair, count);
            }
            if (sign > 0) wordsWithPair.computeIfAbsent(pair, p -> new HashSet<>()).add(w);
        }
    }

    private int symbolId(String symbol) {
        return symbolIds.computeIfAbsent(symbol, s -> {
            symbols.add(s);
            return symbols.size() - 1;
        });
    }

    private static long pair(int left, int right) {
        return ((long) left << 32) | right;
    }

    private static int left(long pair) {
        return (int) (pair >>> 32);
    }

    private static int right(long pair) {
        return (int) pair;
    }
}
