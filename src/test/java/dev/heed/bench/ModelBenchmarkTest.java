package dev.heed.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.heed.cli.Main;
import dev.heed.config.JsonFiles;
import dev.heed.model.ModelConfig;
import dev.heed.model.WeightLayout;
import dev.heed.tensor.DType;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelBenchmarkTest {
    /** vocab 10, hidden 8, intermediate 16, 2 layers, 2 heads of 4 (qDim 8), 1 kv head (kvDim 4), q/k/v bias. */
    private static ModelConfig micro(boolean tied) {
        return new ModelConfig(ModelConfig.Architecture.QWEN2, 10, 8, 16, 2, 2, 1, 4, 1e-6, 1e6, null, 64,
                tied, true, false, false, DType.F32, null, List.of());
    }

    @Test
    void flopsMatchHandCount() {
        // per layer: q 8·8 + k 8·4 + v 8·4 + o 8·8 = 192; mlp 3·8·16 = 384 -> 576; 2 layers = 1152; head 10·8 = 80
        ModelConfig c = micro(true);
        assertEquals(1232, ModelFlops.matmulParams(c));
        // forward at seq 5: 2·1232 + 2·2·layers(2)·seq(5)·qDim(8) = 2464 + 320
        assertEquals(2784.0, ModelFlops.forwardPerToken(c, 5));
        assertEquals(3 * 2784.0, ModelFlops.trainStepPerToken(c, 5));
    }

    @Test
    void headCountsOnceTiedOrNotAndTheEmbeddingNever() {
        assertEquals(ModelFlops.matmulParams(micro(true)), ModelFlops.matmulParams(micro(false)));
        // left out: q/k/v biases 2·(8+4+4) and norms 2·2·8 + 8; untied, also the embedding 10·8 (tied, it is the head)
        assertEquals(32 + 40, WeightLayout.parameterCount(micro(true)) - ModelFlops.matmulParams(micro(true)));
        assertEquals(80 + 32 + 40, WeightLayout.parameterCount(micro(false)) - ModelFlops.matmulParams(micro(false)));
    }

    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(2.0, ModelBenchmark.median(new long[] {3, 1, 2}));
        assertEquals(2.5, ModelBenchmark.median(new long[] {4, 1, 3, 2}));
    }

    @Test
    void commandRunsOnAMicroShapeAndPrintsJson() throws Exception {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), "bench", "model", "--batch", "1", "--seq", "8",
                "--iters", "1", "--warmup", "0", "--preset", "tiny", "--dtype", "fp32", "--peak-size", "128", "--json");
        assertEquals(Main.OK, code, err.toString());
        List<String> lines = out.toString().lines().toList();
        assertEquals(1, lines.size(), out.toString());
        JsonNode row = JsonFiles.MAPPER.readTree(lines.get(0));
        assertEquals("model", row.get("bench").asText());
        assertEquals("qwen2", row.get("arch").asText());
        assertEquals("tiny", row.get("preset").asText());
        assertEquals("fp32", row.get("dtype").asText());
        assertEquals(1, row.get("batch").asInt());
        assertEquals(8, row.get("seq").asInt());
        assertEquals("cpu", row.get("device").asText());
        assertTrue(row.get("params").asLong() > 0);
        assertTrue(row.get("threads").asInt() > 0);
        assertTrue(row.get("blas_threads").asInt() > 0);
        for (String f : List.of("fwd_tokens_per_s", "fwd_mfu", "train_tokens_per_s", "train_mfu", "peak_matmul_gflops"))
            assertTrue(row.get(f).isNumber() && row.get(f).asDouble() > 0, f + " = " + row.get(f));
    }

    @Test
    void badOptionsExitWithTwo() {
        StringWriter err = new StringWriter();
        assertEquals(Main.BAD_INPUT, Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err),
                "bench", "model", "--preset", "huge"));
        assertTrue(err.toString().contains("unknown preset 'huge'"), err.toString());
        assertEquals(Main.BAD_INPUT, Main.run(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                "bench", "model", "--dtype", "int64"));
    }
}
