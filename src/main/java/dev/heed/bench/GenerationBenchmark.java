package dev.heed.bench;

import dev.heed.model.Decoder;
import dev.heed.model.ModelConfig;
import dev.heed.model.ModelFolder;
import dev.heed.model.Presets;
import dev.heed.model.tokenizer.Tokenizer;
import dev.heed.rollout.EngineConfig;
import dev.heed.rollout.GenerationRequest;
import dev.heed.rollout.RolloutEngine;
import dev.heed.rollout.Sample;
import dev.heed.rollout.SamplingParams;
import dev.heed.tensor.DType;
import dev.heed.tensor.Devices;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * {@code heed bench generate}: generated tokens per second of the rollout engine on a random-init model
 * folder made for the run ({@code heed model init} with the same arch, preset and seed writes the same weights for
 * the PyTorch peer in bench/peers) (prefill included, outputs forced to their length by having no stop ids), at
 * several batch sizes; then static against continuous batching on a long-tail mix of output lengths,
 * same requests and seeds, in the same run.
 */
public final class GenerationBenchmark {
    private GenerationBenchmark() {}

    public record Settings(ModelConfig.Architecture arch, Presets.Size size, int[] batches, int promptTokens, int outputTokens,
                           int tailRequests, int tailBatch, double temperature, long seed, int repeats) {}

    public record Row(String what, int batch, int requests, long tokens, double seconds) {
        public double tokensPerSecond() {
            return tokens / seconds;
        }

        public String json() {
            return String.format(Locale.ROOT, "{\"case\":\"%s\",\"batch\":%d,\"requests\":%d,\"tokens\":%d,\"seconds\":%.3f,\"tokens_per_s\":%.1f}",
                    what, batch, requests, tokens, seconds, tokensPerSecond());
        }
    }

    public static List<Row> run(Settings s, Consumer<Row> onRow) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("heed-bench-generate-");
            Path folder = dir.resolve("model");
            ModelFolder.create(folder, s.arch(), s.size(), s.seed());
            List<Row> rows = new ArrayList<>();
            try (Decoder model = Decoder.load(folder, Devices.cpu(), DType.F32); Tokenizer tok = Tokenizer.load(folder)) {
                SplittableRandom random = new SplittableRandom(s.seed());
                time(model, tok, EngineConfig.defaults(), List.of(request(random, s.promptTokens(), 4, 0, s.temperature())), "warmup", 1, 1); // untimed
                for (int b : s.batches()) {
                    List<GenerationRequest> reqs = new ArrayList<>();
                    for (int i = 0; i < b; i++) reqs.add(request(random, s.promptTokens(), s.outputTokens(), i, s.temperature()));
                    add(rows, onRow, time(model, tok, EngineConfig.defaults().withBatch(b), reqs, "decode", b, s.repeats()));
                }
                List<GenerationRequest> tail = new ArrayList<>();
                for (int i = 0; i < s.tailRequests(); i++) tail.add(request(random, s.promptTokens(), tailLength(random, s.outputTokens()), i, s.temperature()));
                EngineConfig c = EngineConfig.defaults().withBatch(s.tailBatch());
                add(rows, onRow, time(model, tok, c.withContinuousBatching(false), tail, "long-tail static", s.tailBatch(), s.repeats()));
                add(rows, onRow, time(model, tok, c.withContinuousBatching(true), tail, "long-tail continuous", s.tailBatch(), s.repeats()));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (dir != null) deleteTree(dir);
        }
    }

    /** Mostly short answers, one in eight runs to the full length: the shape that idles a static batch. */
    private static int tailLength(SplittableRandom random, int max) {
        return random.nextInt(8) == 0 ? max : Math.max(1, max / 16 + random.nextInt(Math.max(1, max / 8)));
    }

    private static GenerationRequest request(SplittableRandom random, int promptTokens, int outputTokens, long seed, double temperature) {
        long[] prompt = new long[promptTokens];
        for (int i = 0; i < prompt.length; i++) prompt[i] = 3 + random.nextInt(250);
        return new GenerationRequest(prompt, SamplingParams.sampled(temperature, outputTokens, 1, seed).withStops(new long[0], List.of()));
    }

    /** The median wall time of {@code repeats} runs of the same requests (the outputs are the same each time). */
    private static Row time(Decoder model, Tokenizer tok, EngineConfig config, List<GenerationRequest> reqs, String what, int batch,
                            int repeats) {
        double[] seconds = new double[repeats];
        long tokens = 0;
        for (int i = 0; i < repeats; i++) {
            long start = System.nanoTime();
            List<Sample> out = new RolloutEngine(model, tok, config).generate(reqs);
            seconds[i] = (System.nanoTime() - start) / 1e9;
            tokens = out.stream().mapToLong(x -> x.responseIds().length).sum();
        }
        java.util.Arrays.sort(seconds);
        return new Row(what, batch, reqs.size(), tokens, seconds[repeats / 2]);
    }

    private static void add(List<Row> rows, Consumer<Row> onRow, Row row) {
        rows.add(row);
        onRow.accept(row);
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp folder is harmless
        }
    }
}
