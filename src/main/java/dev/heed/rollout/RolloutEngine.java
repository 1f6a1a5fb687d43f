package dev.heed.rollout;

import dev.heed.config.BadInputException;
import dev.heed.model.Decoder;
import dev.heed.model.KvCache;
import dev.heed.model.tokenizer.Tokenizer;
import dev.heed.tensor.DType;
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
                TokenSampler.Drawn drawn = step(live, cache);
                for (int r = 0; r < rows; r++) {
                    if (live[r] != null && live[r].accept(drawn.tokens()[r], drawn.logprobs()[r], tokenizer)) {
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
     * Feeds every live row and draws one token per row. A row filled since the last step feeds its prompt:
     * when every live row is fresh they prefill together in one padded forward; otherwise each fresh row
     * prefills alone through a one-row view of the cache (costing its own tokens only) and the others
     * decode one token together.
     */
    private TokenSampler.Drawn step(SequenceState[] live, KvCache cache) {
        int rows = live.length;
        boolean[] fresh = new boolean[rows];
        boolean anyDecoding = false;
        for (int r = 0; r < rows; r++) {
            if (live[r] == null) continue;
            fresh[r] = live[r].startPrefill();
            anyDecoding |= !fresh[r];
        }
        double[] temperature = new double[rows], topP = new double[rows], minP = new double[rows], uniform = new double[rows];
        int[] topK = new int[rows];
        for (int r = 0; r < rows; r++) {
            SequenceState s = live[r];
            topP[r] = 1;
            if (s == null) continue;
            temperature[r] = s.params.temperature();
            topP[r] = s.params.topP();
            topK[r] = s.params.topK();
            minP[r] = s.params.minP();
            uniform[r] = s.nextUniform();
        }
        try (PointerScope scope = new PointerScope()) {
            Tensor logits;
            if (!anyDecoding) {
                logits = lastLogits(live, fresh, cache);
            } else {
                boolean[] decoding = new boolean[rows];
                for (int r = 0; r < rows; r++) decoding[r] = live[r] != null && !fresh[r];
                Tensor decoded = lastLogits(live, decoding, cache);
                TensorVector parts = new TensorVector();
                for (int r = 0; r < rows; r++) {
                    if (!fresh[r]) {
                        parts.push_back(decoded.narrow(0, r, 1));
                        continue;
                    }
                    try (KvCache one = cache.row(r)) {
                        parts.push_back(lastLogits(new SequenceState[] {live[r]}, new boolean[] {true}, one));
                    }
                }
                logits = torch.cat(parts, 0);
            }
            return TokenSampler.draw(logits, new TokenSampler.Rows(temperature, topK, topP, minP, uniform));
        }
    }

    /**
     * fp32 logits [B, V] at the last fed position of each row of {@code cache}: rows marked in {@code feed}
     * feed their prompt (if fresh) or their last token; the other rows sit the forward out.
     */
    private Tensor lastLogits(SequenceState[] live, boolean[] feed, KvCache cache) {
        int rows = live.length, width = 1;
        for (int r = 0; r < rows; r++) if (feed[r] && live[r].length() == 0) width = Math.max(width, live[r].prompt.length);
        long[][] ids = new long[rows][width], mask = new long[rows][width];
        long[] last = new long[rows];
        for (int r = 0; r < rows; r++) {
            SequenceState s = live[r];
            if (!feed[r]) continue;
            if (s.length() == 0) {
                System.arraycopy(s.prompt, 0, ids[r], 0, s.prompt.length);
                Arrays.fill(mask[r], 0, s.prompt.length, 1);
                last[r] = s.prompt.length - 1;
            } else {
                ids[r][0] = s.lastToken();
                mask[r][0] = 1;
            }
        }
        Device device = model.device();
        Tensor h = model.hidden(Tensors.longs(ids, device), Tensors.longs(mask, device), cache); // [B, W, H]
        if (width > 1) h = h.gather(1, Tensors.longs(last, device).view(rows, 1, 1).expand(rows, 1, h.size(2)));
        return model.logits(h.squeeze(1)).to(DType.F32.scalarType);
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
