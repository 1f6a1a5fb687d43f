package dev.heed.rollout;

import dev.heed.model.Decoder;
import dev.heed.model.ModelConfig;
import dev.heed.model.tokenizer.Tokenizer;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every step's tensors die with its PointerScope and the KV cache with its call: RSS stays flat over 1,000 generate calls. */
class NativeMemoryFlatTest {
    @Test
    void residentMemoryStaysFlatOverAThousandGenerateCalls() throws IOException {
        ModelConfig.Architecture arch = ModelConfig.Architecture.QWEN2;
        try (Decoder model = RolloutModels.decoder(arch); Tokenizer tok = Tokenizer.load(RolloutModels.folder(arch))) {
            RolloutEngine engine = new RolloutEngine(model, tok, EngineConfig.defaults().withBatch(2));
            List<GenerationRequest> reqs = List.of(
                    new GenerationRequest(new long[] {3, 4, 5}, SamplingParams.sampled(1.0, 3, 2, 1).withStops(new long[0], List.of())),
                    new GenerationRequest(new long[] {9, 8}, SamplingParams.greedy(2).withTruncation(0.9, 5, 0).withStops(new long[0], List.of("zz"))));
            long warm = 0, middle = 0, end;
            // One thread: waking OpenMP workers for ops this small costs more than the ops on a shared machine.
            int threads = torch.get_num_threads();
            torch.set_num_threads(1);
            try {
                for (int call = 0; call < 1000; call++) {
                    engine.generate(reqs);
                    if (call == 199) warm = rssKb();
                    if (call == 599) middle = rssKb();
                }
                end = rssKb();
            } finally {
                torch.set_num_threads(threads);
            }
            String trace = "RSS after 200 / 600 / 1,000 calls: " + warm / 1024 + " / " + middle / 1024 + " / " + end / 1024 + " MB";
            System.out.println(trace);
            // The training loop's rule (TrainingLoopMemoryTest): at most 10% above the post-warm-up level. Run alone
            // it stays within a few MB; in a shared test JVM the Java heap of earlier tests adds some noise.
            assertTrue(end <= warm * 1.10, trace);
        }
    }

    private static long rssKb() throws IOException {
        System.gc();
        for (String line : Files.readAllLines(Path.of("/proc/self/status")))
            if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", ""));
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}
