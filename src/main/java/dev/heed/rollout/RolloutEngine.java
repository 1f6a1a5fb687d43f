package dev.heed.rollout;

import dev.heed.config.BadInputException;
import dev.heed.model.Decoder;
import dev.heed.model.KvCache;
import dev.heed.model.tokenizer.Tokenizer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Batched generation on the model's KV cache. Rows of the cache hold live samples; each step feeds every
 * live row one token (or, for a row that has just been filled, its whole prompt) and samples the next
 * token of each. With continuous batching a finished row is refilled from the queue on the next step, so
 * one long response does not idle the batch; without it the next batch starts when all rows are done.
 */
public final class RolloutEngine {
    private final Decoder model;
    private final Tokenizer tokenizer;
    private final EngineConfig config;
    private long steps, promptFed, promptShared;

    /**
     * What the last {@link #generate} call did.
     *
     * @param steps        forward steps (each feeds every live row)
     * @param promptTokens prompt tokens run through the model
     * @param sharedPromptTokens prompt tokens not run because a sibling sample of the same request, prefilled in
     *                     the same step, lent its cache rows (GRPO's n samples per prompt prefill once)
     */
    public record Stats(long steps, long promptTokens, long sharedPromptTokens) {}

    public RolloutEngine(Decoder model, Tokenizer tokenizer, EngineConfig config) {
        this.model = model;
        this.tokenizer = tokenizer;
        this.config = config;
    }

    public List<Sample> generate(List<GenerationRequest> requests) {
        return generate(requests, done -> {});
    }

    /** Samples in request order, each request's n samples together; {@code progress} gets the count finished so far. */
    public List<Sample> generate(List<GenerationRequest> requests, IntConsumer progress) {
        List<SequenceState> jobs = expand(requests);
        if (jobs.isEmpty()) return List.of();
        int capacity = jobs.stream().mapToInt(j -> j.prompt.length + j.maxNew).max().orElseThrow();
        long fit = config.maxCachedTokens() / capacity;
        if (fit < 1)
            throw new BadInputException("a sequence needs " + capacity + " cached tokens but the cache holds " + config.maxCachedTokens());
        int rows = (int) Math.min(Math.min(config.maxLiveSequences(), jobs.size()), fit);
        SequenceState[] live = new SequenceState[rows];
        Deque<SequenceState> queue = new ArrayDeque<>(jobs);
        List<SequenceState> done = new ArrayList<>();
        steps = promptFed = promptShared = 0;
        try (NoGradGuard noGrad = new NoGradGuard();
             KvCache cache = new KvCache(model.config(), rows, capacity, model.device(), model.dtype())) {
            while (done.size() < jobs.size()) {
                admit(live, queue, cache);
                int[] active = IntStream.range(0, rows).filter(r -> live[r] != null).toArray();
                TokenSampler.Drawn drawn = step(live, active, cache);
                steps++;
                for (int i = 0; i < active.length; i++) {
                    int r = active[i];
                    if (live[r].accept(drawn.tokens()[i], drawn.logprobs()[i], tokenizer)) {
                        done.add(live[r]);
                        live[r] = null;
                        progress.accept(done.size());
                    }
                }
            }
        }
        Sample[] out = new Sample[jobs.size()];
        for (SequenceState s : done) out[s.order] = s.toSample();
        return List.of(out);
    }

    public Stats lastStats() {
        return new Stats(steps, promptFed, promptShared);
    }

    /**
     * Moves queued samples into free rows: any free row with continuous batching, only an empty batch without.
     * A row fed its prompt this step counts its prompt's tokens against the step budget, a decoding row one.
     */
    private void admit(SequenceState[] live, Deque<SequenceState> queue, KvCache cache) {
        long tokens = Arrays.stream(live).filter(s -> s != null).count();
        if (tokens > 0 && !config.continuousBatching()) return;
        for (int r = 0; r < live.length && !queue.isEmpty(); r++) {
            if (live[r] != null) continue;
            int prompt = queue.peek().prompt.length;
            if (tokens > 0 && tokens + prompt > config.maxStepTokens()) return;
            live[r] = queue.poll();
            cache.reset(r);
            tokens += prompt;
        }
    }

    /**
     * One step over the live rows {@code active}: a row filled since the last step feeds its whole prompt, the
     * others their last token, all in one {@link Decoder#feed}; then one token is drawn for each row, in order.
     * Fresh samples of one request feed its prompt once: the others copy that row's cache and share its logits.
     */
    private TokenSampler.Drawn step(SequenceState[] live, int[] active, KvCache cache) {
        int n = active.length, fed = 0;
        long[][] feeds = new long[n][];
        int[] leader = new int[n];
        double[] temperature = new double[n], topP = new double[n], minP = new double[n], uniform = new double[n];
        int[] topK = new int[n];
        for (int i = 0; i < n; i++) {
            SequenceState s = live[active[i]];
            leader[i] = -1;
            if (s.startPrefill()) {
                feeds[i] = s.prompt;
                for (int j = 0; j < i && leader[i] < 0; j++)
                    if (feeds[j] == s.prompt) leader[i] = j; // a sibling sample feeds this prompt: share its cache rows
                if (leader[i] >= 0) {
                    feeds[i] = new long[0];
                    promptShared += s.prompt.length;
                } else {
                    promptFed += s.prompt.length;
                }
            } else {
                feeds[i] = new long[] {s.lastToken()};
            }
            fed += feeds[i].length;
            temperature[i] = s.params.temperature();
            topP[i] = s.params.topP();
            topK[i] = s.params.topK();
            minP[i] = s.params.minP();
            uniform[i] = s.nextUniform();
        }
        int[] rows = new int[fed];
        long[] tokens = new long[fed], last = new long[n];
        for (int i = 0, j = 0; i < n; i++) {
            for (long t : feeds[i]) {
                rows[j] = active[i];
                tokens[j++] = t;
            }
            last[i] = leader[i] >= 0 ? last[leader[i]] : j - 1;
        }
        try (PointerScope scope = new PointerScope()) {
            Tensor logits = model.feedLogits(rows, tokens, cache, last);
            for (int i = 0; i < n; i++)
                if (leader[i] >= 0) cache.copyPrefix(active[leader[i]], active[i], feeds[leader[i]].length);
            return TokenSampler.draw(logits, new TokenSampler.Rows(temperature, topK, topP, minP, uniform));
        }
    }

    /** One state per sample; sample i of a request draws from the i-th split of the request's seed. */
    private List<SequenceState> expand(List<GenerationRequest> requests) {
        int context = config.context(model.config().maxPositionEmbeddings());
        List<SequenceState> jobs = new ArrayList<>();
        for (int q = 0; q < requests.size(); q++) {
            GenerationRequest req = requests.get(q);
            long[] prompt = req.promptIds();
            if (prompt.length == 0) throw new BadInputException("request " + q + ": empty prompt");
            if (prompt.length >= context) {
                if (!config.truncateLongPrompts())
                    throw new BadInputException("request " + q + ": prompt has " + prompt.length + " tokens but the model's context is "
                            + context + " (room for at least one new token is needed)");
                prompt = Arrays.copyOfRange(prompt, prompt.length - (context - 1), prompt.length);
            }
            SamplingParams p = req.params();
            long[] stops = p.stopTokenIds() != null ? p.stopTokenIds() : tokenizer.stopIds();
            int maxNew = Math.min(p.maxNewTokens(), context - prompt.length);
            SplittableRandom root = new SplittableRandom(p.seed());
            for (int i = 0; i < p.n(); i++) jobs.add(new SequenceState(jobs.size(), q, i, prompt, p, stops, maxNew, root.split()));
        }
        return jobs;
    }
}
