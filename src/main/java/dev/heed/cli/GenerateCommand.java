package dev.heed.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.heed.config.AtomicFiles;
import dev.heed.config.BadInputException;
import dev.heed.config.JsonFiles;
import dev.heed.model.Decoder;
import dev.heed.model.tokenizer.ChatMessage;
import dev.heed.model.tokenizer.Tokenizer;
import dev.heed.rollout.EngineConfig;
import dev.heed.rollout.GenerationRequest;
import dev.heed.rollout.RolloutEngine;
import dev.heed.rollout.Sample;
import dev.heed.rollout.SamplingParams;
import dev.heed.tensor.CpuThreads;
import dev.heed.tensor.DType;
import dev.heed.tensor.Devices;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Sample responses for a JSONL file of prompts with a model folder; write one JSONL row per sample.")
final class GenerateCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Hugging Face model folder")
    Path model;

    @Option(names = "--prompts", required = true, paramLabel = "FILE",
            description = "JSONL rows with prompt (or messages, rendered by the chat template) and an optional integer seed")
    Path prompts;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "output JSONL: prompt, sample, response, finish_reason")
    Path out;

    @Option(names = "--chat", description = "render each plain prompt as one user message through the chat template")
    boolean chat;

    @Option(names = "--n", defaultValue = "1", description = "samples per prompt; default: ${DEFAULT-VALUE}")
    int n;

    @Option(names = "--temperature", defaultValue = "1.0", description = "0 = greedy; default: ${DEFAULT-VALUE}")
    double temperature;

    @Option(names = "--top-p", defaultValue = "1.0", description = "nucleus mass kept (1 = off); default: ${DEFAULT-VALUE}")
    double topP;

    @Option(names = "--top-k", defaultValue = "0", description = "most likely tokens kept (0 = off); default: ${DEFAULT-VALUE}")
    int topK;

    @Option(names = "--min-p", defaultValue = "0", description = "drop tokens below min-p times the top probability (0 = off); default: ${DEFAULT-VALUE}")
    double minP;

    @Option(names = "--max-new-tokens", defaultValue = "256", description = "response length limit; default: ${DEFAULT-VALUE}")
    int maxNewTokens;

    @Option(names = "--stop", paramLabel = "TEXT", description = "stop string (repeatable); cut from the response")
    List<String> stops = new ArrayList<>();

    @Option(names = "--seed", defaultValue = "0", description = "seeds every prompt without its own seed; default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--logprobs", description = "also write prompt_ids, response_ids and the behaviour log-prob of each response token")
    boolean logprobs;

    @Option(names = "--batch", defaultValue = "64", description = "sequences decoded together; default: ${DEFAULT-VALUE}")
    int batch;

    @Option(names = "--static-batching", description = "wait for the whole batch to finish before starting new prompts")
    boolean staticBatching;

    @Option(names = "--max-model-len", defaultValue = "0", paramLabel = "N",
            description = "prompt + response tokens per sequence (0 = the model's max_position_embeddings); default: ${DEFAULT-VALUE}")
    int maxModelLen;

    @Option(names = "--threads", paramLabel = "N", description = "CPU threads for libtorch and Heed's kernels (default: libtorch's choice)")
    Integer threads;

    @Option(names = "--truncate-prompts", description = "keep the last tokens of a prompt too long for the context instead of failing")
    boolean truncatePrompts;

    @Option(names = "--device", defaultValue = "cpu", description = "cpu, cuda or cuda:N; default: ${DEFAULT-VALUE}")
    String device;

    @Option(names = "--dtype", defaultValue = "float32", description = "float32 or bfloat16; default: ${DEFAULT-VALUE}")
    String dtype;

    @Override
    public Integer call() {
        SamplingParams base;
        EngineConfig engineConfig;
        try {
            base = new SamplingParams(temperature, topP, topK, minP, maxNewTokens, null, stops, n, seed);
            engineConfig = EngineConfig.defaults().withBatch(batch).withContinuousBatching(!staticBatching)
                    .withTruncateLongPrompts(truncatePrompts).withMaxModelLength(maxModelLen);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        if (threads != null) {
            if (threads < 1) throw new BadInputException("--threads must be >= 1, got " + threads);
            CpuThreads.setIntraOp(threads);
        }
        List<PromptFile.Row> rows = PromptFile.read(prompts);
        try (Tokenizer tok = Tokenizer.load(model); Decoder decoder = Decoder.load(model, Devices.parse(device), DType.parse(dtype))) {
            List<GenerationRequest> requests = requests(rows, tok, base, engineConfig.context(decoder.config().maxPositionEmbeddings()));
            ProgressBar progress = new ProgressBar(spec.commandLine().getErr(), "generating", requests.size() * n);
            long start = System.nanoTime();
            List<Sample> samples = new RolloutEngine(decoder, tok, engineConfig).generate(requests, progress::update);
            double seconds = (System.nanoTime() - start) / 1e9;
            progress.finish();
            write(rows, samples);
            long tokens = samples.stream().mapToLong(s -> s.responseIds().length).sum();
            spec.commandLine().getOut().printf("generate: %d prompts, %d samples, %d generated tokens, %.1f tokens/s (%.2f s); wrote %s%n",
                    rows.size(), samples.size(), tokens, tokens / Math.max(seconds, 1e-9), seconds, out);
        }
        return Main.OK;
    }

    /** Tokenizes each row; a row without its own seed takes the next split of --seed, so rows differ but reruns agree. */
    private List<GenerationRequest> requests(List<PromptFile.Row> rows, Tokenizer tok, SamplingParams base, int context) {
        SplittableRandom seeds = new SplittableRandom(seed);
        List<GenerationRequest> out = new ArrayList<>();
        for (PromptFile.Row row : rows) {
            long rowSeed = seeds.nextLong();
            long[] ids = row.messages() != null ? tok.encodeChat(row.messages(), true)
                    : chat ? tok.encodeChat(List.of(new ChatMessage("user", row.prompt())), true) : tok.encode(row.prompt());
            if (ids.length == 0) throw new BadInputException(row.where() + ": prompt encodes to no tokens");
            if (ids.length >= context && !truncatePrompts)
                throw new BadInputException(row.where() + ": prompt has " + ids.length + " tokens but the model's context is " + context
                        + " (use --truncate-prompts to keep its last tokens" + (maxModelLen > 0 ? ", or raise --max-model-len" : "") + ")");
            out.add(new GenerationRequest(ids, base.withSeed(row.seed() != null ? row.seed() : rowSeed)));
        }
        return out;
    }

    private void write(List<PromptFile.Row> rows, List<Sample> samples) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try {
            for (Sample s : samples) {
                ObjectNode o = JsonFiles.MAPPER.createObjectNode();
                o.set("prompt", rows.get(s.request()).original());
                o.put("sample", s.index());
                o.put("response", s.text());
                o.put("finish_reason", s.finishReason().label());
                if (logprobs) {
                    ArrayNode p = o.putArray("prompt_ids");
                    for (long id : s.promptIds()) p.add(id);
                    ArrayNode r = o.putArray("response_ids");
                    for (long id : s.responseIds()) r.add(id);
                    ArrayNode l = o.putArray("logprobs");
                    for (float x : s.logprobs()) l.add(x);
                }
                buf.write(JsonFiles.MAPPER.writeValueAsBytes(o));
                buf.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        AtomicFiles.writeBytes(out, buf.toByteArray());
    }
}
