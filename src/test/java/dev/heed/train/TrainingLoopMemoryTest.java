package dev.heed.train;

import dev.heed.model.Decoder;
import dev.heed.model.DecoderWeights;
import dev.heed.model.ModelConfig;
import dev.heed.model.Presets;
import dev.heed.tensor.DType;
import dev.heed.tensor.Devices;
import dev.heed.tensor.Tensors;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Native memory stays flat over a long training loop: every step runs inside a PointerScope. */
class TrainingLoopMemoryTest {
    private static final int STEPS = 2000, WARMUP = 300, BATCH = 4, SEQ = 32;

    @Test
    void rssStaysFlatOver2000TrainingSteps() throws IOException {
        // One intra-op thread: the ops of a ~1M-parameter model are too small to split, and on a machine
        // shared with other jobs a descheduled OpenMP worker stalls every op (a 20x slowdown seen here).
        int threads = torch.get_num_threads();
        torch.set_num_threads(1);
        try {
            trainAndWatchRss();
        } finally {
            torch.set_num_threads(threads);
        }
    }

    private void trainAndWatchRss() throws IOException {
        ModelConfig config = Presets.of(ModelConfig.Architecture.QWEN2, Presets.Size.TINY, 512, 509, List.of(511L));
        Random random = new Random(0);
        long baseline = 0, peak = 0;
        float firstLoss = 0, lastLoss = 0;
        try (Decoder model = new Decoder(DecoderWeights.init(config, 0, Devices.cpu(), DType.F32), Devices.cpu(), DType.F32);
             LanguageModelStep trainer = new LanguageModelStep(model, 1e-3, 0.0)) {
            for (int step = 0; step < STEPS; step++) {
                try (PointerScope scope = new PointerScope()) {
                    long[][] ids = new long[BATCH][SEQ], mask = new long[BATCH][SEQ];
                    for (int b = 0; b < BATCH; b++)
                        for (int t = 0; t < SEQ; t++) {
                            ids[b][t] = (b * 7 + t * 3) % 64 + random.nextInt(2); // learnable pattern
                            mask[b][t] = t >= b ? 1 : 0; // some left padding
                        }
                    Tensor idT = Tensors.longs(ids, Devices.cpu());
                    float loss = trainer.step(idT, Tensors.longs(mask, Devices.cpu()));
                    if (step == 0) firstLoss = loss;
                    lastLoss = loss;
                }
                // Each step leaves ~50 kB of small Java objects (tensor handles); until the first young
                // collection the heap touches fresh pages and RSS creeps up with no native growth at all.
                // Collecting every 100 steps keeps the heap's footprint steady so RSS measures native memory.
                if (step % 100 == 0) System.gc();
                if (step == WARMUP) baseline = rssBytes();
                if (step > WARMUP && step % 100 == 0) peak = Math.max(peak, rssBytes());
            }
        }
        peak = Math.max(peak, rssBytes());
        assertTrue(lastLoss < firstLoss * 0.5, "training made progress: loss " + firstLoss + " -> " + lastLoss);
        System.out.printf("training loop RSS: %.1f MB after %d warm-up steps, peak %.1f MB over %d steps; loss %.3f -> %.3f%n",
                baseline / 1e6, WARMUP, peak / 1e6, STEPS, firstLoss, lastLoss);
        assertTrue(peak <= baseline * 1.10,
                String.format("RSS grew from %.1f MB after warm-up to %.1f MB (> 10%%)", baseline / 1e6, peak / 1e6));
    }

    static long rssBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status")))
            if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}
