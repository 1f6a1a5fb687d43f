package dev.heed.rollout;

import dev.heed.config.BadInputException;
import dev.heed.model.Decoder;
import dev.heed.model.KvCache;
import dev.heed.model.tokenizer.Tokenizer;
import dev.heed.tensor.Tensors;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

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
        try (NoGradGuard noGrad = new NoGradGuard();
             KvCache cache = new KvCache(model.config(), rows, capacity, model.device(), model.dtype())) {
            while (done.size() < jobs.size()) {
                boolean allFree = Arrays.stream(live).allMatch(s -> s == null);
                for (int r = 0; r < rows && !queue.isEmpty(); r++) {
                    if (live[r] == null && (config.continuousBatching() || allFree)) {
                        live[r] = queue.poll();
                        cache.reset(r);
                    }
                }
                int[] active = IntStream.range(0, rows).filter(r -> live[r] != null).toArray();
                TokenSampler.Drawn drawn = step(live, active, cache);
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

    /**
     * Feeds the live rows {@code active} of the cache and draws one token for each (in that order). A row
     * filled since the last step feeds its prompt: when every live row is fresh they prefill together in one
     * padded forward; otherwise the others decode one token together ({@link Decoder#decodeLogits}) and each
     * fresh row prefills alone through a one-row view of the cache, costing its own tokens only.
     */
    private TokenSampler.Drawn step(SequenceState[] live, int[] active, KvCache cache) {
        int n = active.length, decoding = 0;
        boolean[] fresh = new boolean[n];
        double[] temperature = new double[n], topP = new double[n], minP = new double[n], uniform = new double[n];
        int[] topK = new int[n];
        for (int i = 0; i < n; i++) {
            SequenceState s = live[active[i]];
            fresh[i] = s.startPrefill();
            if (!fresh[i]) decoding++;
            temperature[i] = s.params.temperature();
            topP[i] = s.params.topP();
            topK[i] = s.params.topK();
            minP[i] = s.params.minP();
            uniform[i] = s.nextUniform();
        }
        try (PointerScope scope = new PointerScope()) {
            Tensor logits;
            if (decoding == 0) {
                logits = prefill(live, active, cache);
            } else {
                int[] rows = new int[decoding];
                long[] tokens = new long[decoding];
                for (int i = 0, j = 0; i < n; i++) {
                    if (fresh[i]) continue;
                    rows[j] = active[i];
                    tokens[j++] = live[active[i]].lastToken();
                }
                Tensor decoded = model.decodeLogits(rows, tokens, cache);
                if (decoding == n) {
                    logits = decoded;
                } else {
                    TensorVector parts = new TensorVector();
                    for (int i = 0, j = 0; i < n; i++) {
                        if (!fresh[i]) {
                            parts.push_back(decoded.narrow(0, j++, 1));
                            continue;
                        }
                        try (KvCache one = cache.row(active[i])) {
                            parts.push_back(prefill(new SequenceState[] {live[active[i]]}, new int[] {0}, one));
                        }
                    }
                    logits = torch.cat(parts, 0);
                }
            }
            return TokenSampler.draw(logits, new TokenSampler.Rows(temperature, topK, topP, minP, uniform));
        }
    }

    /**
     * Logits [active.length, V] at the last prompt token of each row in {@code active}: their prompts, right
     * padded, go through one forward on {@code cache}; the cache's other rows sit it out.
     */
    private Tensor prefill(SequenceState[] live, int[] active, KvCache cache) {
        int rows = cache.batchSize(), width = 1;
        for (int r : active) width = Math.max(width, live[r].prompt.length);
        long[][] ids = new long[rows][width], mask = new long[rows][width];
        long[] picked = new long[active.length], last = new long[active.length];
        for (int i = 0; i < active.length; i++) {
            long[] prompt = live[active[i]].prompt;
            System.arraycopy(prompt, 0, ids[active[i]], 0, prompt.length);
            Arrays.fill(mask[active[i]], 0, prompt.length, 1);
            picked[i] = active[i];
            last[i] = prompt.length - 1;
        }
        Device device = model.device();
        Tensor h = model.hidden(Tensors.longs(ids, device), Tensors.longs(mask, device), cache); // [B, W, H]
        if (active.length < rows) h = h.index_select(0, Tensors.longs(picked, device));
        h = h.gather(1, Tensors.longs(last, device).view(active.length, 1, 1).expand(active.length, 1, h.size(2)));
        return model.logits(h.squeeze(1));
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
