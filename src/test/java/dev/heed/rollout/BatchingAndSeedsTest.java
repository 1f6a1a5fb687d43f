package dev.heed.rollout;

import dev.heed.model.Decoder;
import dev.heed.model.ModelConfig;
import dev.heed.model.tokenizer.Tokenizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Per-request random streams: a request's samples depend on its seed only, not on what shares the batch;
 * continuous batching (rows refilled as they finish) returns exactly what static batching returns.
 */
class BatchingAndSeedsTest {
    static final long[] NO_STOPS = new long[0];
    static Decoder model;
    static Tokenizer tok;

    @BeforeAll
    static void load() {
        model = RolloutModels.decoder(ModelConfig.Architecture.QWEN3);
        tok = Tokenizer.load(RolloutModels.folder(ModelConfig.Architecture.QWEN3));
    }

    @AfterAll
    static void close() {
        model.close();
        tok.close();
    }

    static GenerationRequest request(long[] prompt, double temperature, int maxNew, int n, long seed) {
        return new GenerationRequest(prompt, SamplingParams.sampled(temperature, maxNew, n, seed).withStops(NO_STOPS, List.of()));
    }

    @Test
    void aSeedGivesTheSameSamplesWhateverElseIsInTheBatch() {
        GenerationRequest a = request(new long[] {7, 8, 9, 10}, 1.0, 10, 3, 42);
        List<Sample> alone = new RolloutEngine(model, tok, EngineConfig.defaults()).generate(List.of(a));
        List<GenerationRequest> mixed = List.of(request(new long[] {300, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 0.8, 5, 2, 1), a,
                request(new long[] {44}, 1.2, 14, 1, 2));
        List<Sample> batched = new RolloutEngine(model, tok, EngineConfig.defaults().withBatch(4)).generate(mixed);
        List<Sample> ofA = batched.stream().filter(s -> s.request() == 1).toList();
        assertSameDraws(alone, ofA);
        boolean differ = false;
        for (int i = 1; i < alone.size(); i++) differ |= !java.util.Arrays.equals(alone.get(0).responseIds(), alone.get(i).responseIds());
        assertTrue(differ, "the n samples of one request draw from different streams");
    }

    @Test
    void samplesOfOneRequestPrefillTheirPromptOnceAndDrawAsIfAlone() {
        long[] prompt = {12, 13, 14, 15, 16, 17, 18, 19, 20};
        GenerationRequest group = request(prompt, 1.0, 9, 4, 77);
        RolloutEngine shared = new RolloutEngine(model, tok, EngineConfig.defaults());
        List<Sample> together = shared.generate(List.of(group));
        assertEquals(new RolloutEngine.Stats(9, prompt.length, 3L * prompt.length), shared.lastStats(),
                "one prefill; the three siblings copy its cache rows");
        RolloutEngine oneRow = new RolloutEngine(model, tok, EngineConfig.defaults().withBatch(1));
        List<Sample> oneByOne = oneRow.generate(List.of(group));
        assertEquals(4L * prompt.length, oneRow.lastStats().promptTokens(), "one row at a time: every sample prefills");
        assertEquals(0, oneRow.lastStats().sharedPromptTokens());
        assertSameDraws(oneByOne, together);
    }

    @Test
    void continuousBatchingReturnsWhatStaticBatchingReturns() {
        int[] lengths = {2, 16, 3, 11, 1, 7, 13, 4};
        List<GenerationRequest> reqs = new ArrayList<>();
        for (int i = 0; i < lengths.length; i++) {
            long[] prompt = new long[1 + (i * 5) % 9];
            for (int j = 0; j < prompt.length; j++) prompt[j] = 3 + 37L * (i + j) % 500;
            reqs.add(request(prompt, i == 3 ? 0 : 0.6 + 0.1 * i, lengths[i], 1 + i % 2, 1000 + i));
        }
        EngineConfig two = EngineConfig.defaults().withBatch(2);
        List<Sample> statics = new RolloutEngine(model, tok, two.withContinuousBatching(false)).generate(reqs);
        List<Sample> continuous = new RolloutEngine(model, tok, two.withContinuousBatching(true)).generate(reqs);
        List<Sample> wide = new RolloutEngine(model, tok, EngineConfig.defaults()).generate(reqs);
        assertSame(statics, continuous);
        assertSame(statics, wide);
        for (Sample s : continuous) assertEquals(Math.min(lengths[s.request()], 16), s.responseIds().length);
    }

    @Test
    void stopTokensAndStopStringsSplitAcrossTokensEndTheResponse() {
        long[] prompt = {20, 21, 22, 23};
        int n = 12;
        RolloutEngine engine = new RolloutEngine(model, tok, EngineConfig.defaults());
        Sample free = engine.generate(List.of(new GenerationRequest(prompt, SamplingParams.greedy(n).withStops(NO_STOPS, List.of())))).get(0);
        long[] ids = free.responseIds();

        long stopId = ids[4];
        int firstAt = 0;
        while (ids[firstAt] != stopId) firstAt++;
        Sample byId = engine.generate(List.of(new GenerationRequest(prompt, SamplingParams.greedy(n).withStops(new long[] {stopId}, List.of())))).get(0);
        assertEquals(FinishReason.STOP, byId.finishReason());
        assertArrayEquals(java.util.Arrays.copyOf(ids, firstAt + 1), byId.responseIds(), "the stop token is kept");

        // A stop string made of the last character of one token's text and the first of the next.
        String full = free.text();
        int k = 1;
        String stop = null;
        for (; k < n && stop == null; k++) {
            String before = tok.decode(java.util.Arrays.copyOf(ids, k), true), after = tok.decode(java.util.Arrays.copyOf(ids, k + 1), true);
            if (!before.isEmpty() && after.length() > before.length() && after.startsWith(before) && full.startsWith(after))
                stop = before.substring(before.length() - 1) + after.charAt(before.length());
        }
        assertTrue(stop != null, "the greedy text has two tokens to split a stop string across: " + full);
        int cut = full.indexOf(stop);
        int tokens = 1;
        while (!tok.decode(java.util.Arrays.copyOf(ids, tokens), true).contains(stop)) tokens++;
        Sample byText = engine.generate(List.of(new GenerationRequest(prompt, SamplingParams.greedy(n).withStops(NO_STOPS, List.of(stop))))).get(0);
        assertEquals(FinishReason.STOP, byText.finishReason());
        assertEquals(full.substring(0, cut), byText.text());
        assertArrayEquals(java.util.Arrays.copyOf(ids, tokens), byText.responseIds());
    }

    @Test
    void aStopStringLateInALongResponseIsFoundWhereTheWholeTextHasIt() {
        long[] prompt = {30, 31, 32};
        int n = 80;
        RolloutEngine engine = new RolloutEngine(model, tok, EngineConfig.defaults());
        SamplingParams sampled = SamplingParams.sampled(1.0, n, 1, 5);
        Sample free = engine.generate(List.of(new GenerationRequest(prompt, sampled.withStops(NO_STOPS, List.of())))).get(0);
        long[] ids = free.responseIds();
        String full = free.text();
        // The first 3-character piece after token 50 that the text has nowhere earlier: only the tail check can see it.
        String head = tok.decode(java.util.Arrays.copyOf(ids, 50), true);
        String stop = null;
        for (int i = Math.max(0, head.length() - 1); i + 3 <= full.length() && stop == null; i++) {
            String piece = full.substring(i, i + 3);
            if (full.indexOf(piece) == i && piece.indexOf('\uFFFD') < 0) stop = piece;
        }
        assertTrue(stop != null, "a piece of text occurring once after token 50: " + full);
        int tokens = 1;
        while (!tok.decode(java.util.Arrays.copyOf(ids, tokens), true).contains(stop)) tokens++;
        assertTrue(tokens > 50, "the stop lies beyond the tail window of the first steps");
        Sample byText = engine.generate(List.of(new GenerationRequest(prompt, sampled.withStops(NO_STOPS, List.of("\u0000never", stop))))).get(0);
        assertEquals(FinishReason.STOP, byText.finishReason());
        assertEquals(full.substring(0, full.indexOf(stop)), byText.text());
        assertEquals(tokens, byText.responseIds().length);
        assertTrue(byText.firstTokenSeconds() > 0 && byText.firstTokenSeconds() <= byText.seconds(),
                "time to first token " + byText.firstTokenSeconds() + " s within the sample's " + byText.seconds() + " s");
    }

    @Test
    void aPromptLongerThanTheContextFailsClearlyOrIsTruncatedWhenConfigured() {
        int context = 24;
        EngineConfig short24 = EngineConfig.defaults().withMaxModelLength(context);
        long[] longPrompt = new long[context + 3];
        for (int i = 0; i < longPrompt.length; i++) longPrompt[i] = 5 + i % 400;
        GenerationRequest req = new GenerationRequest(longPrompt, SamplingParams.greedy(4));
        var e = org.junit.jupiter.api.Assertions.assertThrows(dev.heed.config.BadInputException.class,
                () -> new RolloutEngine(model, tok, short24).generate(List.of(request(new long[] {1}, 1, 2, 1, 1), req)));
        assertTrue(e.getMessage().contains("request 1") && e.getMessage().contains("context is " + context), e.getMessage());

        Sample s = new RolloutEngine(model, tok, short24.withTruncateLongPrompts(true)).generate(List.of(req)).get(0);
        assertEquals(context - 1, s.promptIds().length, "keeps the last context - 1 tokens");
        assertEquals(longPrompt[longPrompt.length - 1], s.promptIds()[context - 2]);
        assertEquals(1, s.responseIds().length);
        assertEquals(FinishReason.LENGTH, s.finishReason());

        Sample capped = new RolloutEngine(model, tok, short24).generate(List.of(request(new long[] {1, 2, 3}, 1, 100, 1, 1))).get(0);
        assertEquals(context - 3, capped.responseIds().length, "the context also caps the response");
    }

    static void assertSame(List<Sample> expected, List<Sample> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) assertEquals(expected.get(i).request(), actual.get(i).request());
        assertSameDraws(expected, actual);
    }

    /** Same tokens, finish reasons and (to fp32 noise) log-probs, sample by sample. */
    static void assertSameDraws(List<Sample> expected, List<Sample> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            Sample e = expected.get(i), a = actual.get(i);
            String what = "request " + e.request() + " sample " + e.index();
            assertEquals(e.index(), a.index(), what);
            assertArrayEquals(e.responseIds(), a.responseIds(), what);
            assertEquals(e.finishReason(), a.finishReason(), what);
            for (int j = 0; j < e.logprobs().length; j++)
                assertEquals(e.logprobs()[j], a.logprobs()[j], 1e-5, what + " log-prob " + j);
        }
    }
}
