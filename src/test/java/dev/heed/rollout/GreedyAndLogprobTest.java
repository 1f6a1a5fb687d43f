package dev.heed.rollout;

import dev.heed.model.Decoder;
import dev.heed.model.ModelConfig;
import dev.heed.model.tokenizer.Tokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cached batched generation against the cache-free reference: greedy tokens equal step-by-step argmax of
 * the full forward, and every recorded behaviour log-prob equals the full forward's log-softmax at the
 * same temperature, top-k / top-p / min-p included (they restrict the draw, not the recorded value).
 */
class GreedyAndLogprobTest {
    static final long[][] PROMPTS = {{5, 17, 300}, {1, 2, 3, 4, 5, 6, 7, 8, 9}, {400}, {12, 99, 256, 8, 77}};
    static final long[] NO_STOPS = new long[0];

    @ParameterizedTest
    @EnumSource(ModelConfig.Architecture.class)
    void greedyEqualsArgmaxOfFullForwardOnMixedLengths(ModelConfig.Architecture arch) {
        int steps = 8;
        try (Decoder model = RolloutModels.decoder(arch); Tokenizer tok = Tokenizer.load(RolloutModels.folder(arch))) {
            List<GenerationRequest> reqs = new ArrayList<>();
            for (long[] p : PROMPTS) reqs.add(new GenerationRequest(p, SamplingParams.greedy(steps).withStops(NO_STOPS, List.of())));
            List<Sample> got = new RolloutEngine(model, tok, EngineConfig.defaults()).generate(reqs);
            assertEquals(PROMPTS.length, got.size());
            for (int i = 0; i < PROMPTS.length; i++) {
                Sample s = got.get(i);
                assertArrayEquals(FullForward.greedy(model, PROMPTS[i], steps), s.responseIds(), arch + " prompt " + i);
                assertEquals(FinishReason.LENGTH, s.finishReason());
                assertEquals(tok.decode(s.responseIds(), true), s.text());
                assertLogprobs(model, s, 1.0, arch + " greedy prompt " + i);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ModelConfig.Architecture.class)
    void behaviourLogprobsEqualFullForwardAtTheSameTemperature(ModelConfig.Architecture arch) {
        try (Decoder model = RolloutModels.decoder(arch); Tokenizer tok = Tokenizer.load(RolloutModels.folder(arch))) {
            List<GenerationRequest> reqs = new ArrayList<>();
            for (int i = 0; i < PROMPTS.length; i++) {
                SamplingParams p = SamplingParams.sampled(i % 2 == 0 ? 0.7 : 1.3, 10, 2, 100 + i).withStops(NO_STOPS, List.of());
                if (i == 1) p = p.withTruncation(0.9, 0, 0);
                if (i == 2) p = p.withTruncation(1, 20, 0);
                if (i == 3) p = p.withTruncation(0.95, 50, 0.05);
                reqs.add(new GenerationRequest(PROMPTS[i], p));
            }
            List<Sample> got = new RolloutEngine(model, tok, EngineConfig.defaults().withBatch(3)).generate(reqs);
            assertEquals(2 * PROMPTS.length, got.size());
            for (Sample s : got) {
                assertArrayEquals(PROMPTS[s.request()], s.promptIds());
                assertLogprobs(model, s, reqs.get(s.request()).params().temperature(), arch + " request " + s.request());
            }
        }
    }

    @Test
    void topKOfOneIsGreedyAndTruncatedDrawsStayInsideTheKeptSet() {
        ModelConfig.Architecture arch = ModelConfig.Architecture.QWEN2;
        try (Decoder model = RolloutModels.decoder(arch); Tokenizer tok = Tokenizer.load(RolloutModels.folder(arch))) {
            RolloutEngine engine = new RolloutEngine(model, tok, EngineConfig.defaults());
            SamplingParams topOne = SamplingParams.sampled(1.5, 8, 3, 9).withStops(NO_STOPS, List.of()).withTruncation(1, 1, 0);
            for (Sample s : engine.generate(List.of(new GenerationRequest(PROMPTS[1], topOne))))
                assertArrayEquals(FullForward.greedy(model, PROMPTS[1], 8), s.responseIds());
            int k = 3;
            SamplingParams topK = SamplingParams.sampled(2.0, 12, 4, 21).withStops(NO_STOPS, List.of()).withTruncation(1, k, 0);
            for (Sample s : engine.generate(List.of(new GenerationRequest(PROMPTS[0], topK)))) {
                float[][] ref = FullForward.responseLogSoftmax(model, s.promptIds(), s.responseIds(), 2.0);
                for (int i = 0; i < ref.length; i++) {
                    float mine = ref[i][(int) s.responseIds()[i]];
                    int higher = 0;
                    for (float x : ref[i]) if (x > mine) higher++;
                    assertTrue(higher < k, "token " + i + " ranks " + (higher + 1) + " but top_k is " + k);
                }
            }
        }
    }

    static void assertLogprobs(Decoder model, Sample s, double temperature, String what) {
        float[][] ref = FullForward.responseLogSoftmax(model, s.promptIds(), s.responseIds(), temperature == 0 ? 1.0 : temperature);
        assertEquals(s.responseIds().length, s.logprobs().length);
        double max = 0;
        for (int i = 0; i < ref.length; i++) max = Math.max(max, Math.abs(ref[i][(int) s.responseIds()[i]] - s.logprobs()[i]));
        assertTrue(max <= 1e-5, what + ": behaviour log-prob differs from the full forward by " + max);
    }
}
