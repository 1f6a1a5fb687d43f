package dev.heed.rollout;

import dev.heed.model.tokenizer.Tokenizer;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One sample on its way through the batch: its prompt, its own random stream, what it has generated so
 * far and whether a stop condition or its length limit has ended it.
 */
final class SequenceState {
    final int order, request, index;
    final int maxNew;
    final long[] prompt;
    final SamplingParams params;
    private final long[] stopIds;
    private final int stopWindow; // characters of text the tail check needs (see tailHasStop)
    private final SplittableRandom random;
    private long[] response = new long[16];
    private float[] logprobs = new float[16];
    private int length;
    private boolean prefilled;
    private long startNanos, firstTokenNanos, finishNanos;
    private FinishReason finish;
    private String text;

    SequenceState(int order, int request, int index, long[] prompt, SamplingParams params, long[] stopIds, int maxNew, SplittableRandom random) {
        this.order = order;
        this.request = request;
        this.index = index;
        this.prompt = prompt;
        this.params = params;
        this.stopIds = stopIds;
        this.maxNew = maxNew;
        this.random = random;
        this.stopWindow = params.stopStrings().stream().mapToInt(String::length).max().orElse(0) + 4;
    }

    /** True once, on the step that feeds the prompt. */
    boolean startPrefill() {
        if (prefilled) return false;
        prefilled = true;
        startNanos = System.nanoTime();
        return true;
    }

    /** Tokens generated so far. */
    int length() {
        return length;
    }

    long lastToken() {
        return response[length - 1];
    }

    /** The next uniform of this sample's own stream: one per generated token, whatever the batch holds. */
    double nextUniform() {
        return random.nextDouble();
    }

    /** Records a sampled token; returns true when the sample is finished. */
    boolean accept(long token, float logprob, Tokenizer tokenizer) {
        if (length == response.length) {
            response = Arrays.copyOf(response, 2 * length);
            logprobs = Arrays.copyOf(logprobs, 2 * length);
        }
        if (length == 0) firstTokenNanos = System.nanoTime();
        response[length] = token;
        logprobs[length++] = logprob;
        for (long s : stopIds) if (s == token) return finish(FinishReason.STOP, tokenizer, null);
        if (!params.stopStrings().isEmpty() && tailHasStop(tokenizer)) {
            String decoded = tokenizer.decode(responseIds(), true);
            int cut = earliestStop(decoded, params.stopStrings());
            if (cut >= 0) return finish(FinishReason.STOP, tokenizer, decoded.substring(0, cut));
        }
        return length >= maxNew && finish(FinishReason.LENGTH, tokenizer, null);
    }

    private boolean finish(FinishReason reason, Tokenizer tokenizer, String cutText) {
        finishNanos = System.nanoTime();
        finish = reason;
        text = cutText != null ? cutText : tokenizer.decode(responseIds(), true);
        return true;
    }

    /**
     * Whether the end of the response text holds a stop string: the cheap test run on every token, so a long
     * response is not decoded whole each step. A match must end in the newest token (the previous steps found
     * none), so the last tokens suffice once their text is longer than any stop string plus the replacement
     * characters a window starting inside a UTF-8 character decodes to.
     */
    private boolean tailHasStop(Tokenizer tokenizer) {
        for (int window = stopWindow; ; window *= 2) {
            int from = Math.max(0, length - window);
            String tail = tokenizer.decode(Arrays.copyOfRange(response, from, length), true);
            if (from == 0 || tail.length() >= stopWindow) return earliestStop(tail, params.stopStrings()) >= 0;
        }
    }

    private static int earliestStop(String text, List<String> stops) {
        int best = -1;
        for (String s : stops) {
            int i = text.indexOf(s);
            if (i >= 0 && (best < 0 || i < best)) best = i;
        }
        return best;
    }

    private long[] responseIds() {
        return Arrays.copyOf(response, length);
    }

    Sample toSample() {
        return new Sample(request, index, prompt, responseIds(), Arrays.copyOf(logprobs, length), text, finish,
                (finishNanos - startNanos) / 1e9, (firstTokenNanos - startNanos) / 1e9);
    }
}
