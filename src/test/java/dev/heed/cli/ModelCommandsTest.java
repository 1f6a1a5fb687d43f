package dev.heed.cli;

import dev.heed.model.Decoder;
import dev.heed.model.ModelConfig;
import dev.heed.model.SafetensorsFile;
import dev.heed.model.WeightLayout;
import dev.heed.model.tokenizer.ChatMessage;
import dev.heed.model.tokenizer.Tokenizer;
import dev.heed.tensor.DType;
import dev.heed.tensor.Devices;
import dev.heed.tensor.Tensors;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `heed --version`, `model init`, `model info` and `model logits` end to end, in-process. */
class ModelCommandsTest {
    @TempDir
    static Path tmp;
    static Path model;

    @BeforeAll
    static void createModel() {
        model = tmp.resolve("qwen3-tiny");
        CliRunner r = CliRunner.run("model", "init", "--arch", "qwen3", "--preset", "tiny", "--seed", "5", "--out", model.toString());
        assertEquals(0, r.exitCode(), r.err());
    }

    @Test
    void versionAndHelp() {
        CliRunner v = CliRunner.run("--version");
        assertEquals(0, v.exitCode());
        assertTrue(v.out().startsWith("heed "), v.out());
        CliRunner h = CliRunner.run("model", "--help");
        assertEquals(0, h.exitCode());
        assertTrue(h.out().contains("init") && h.out().contains("logits"), h.out());
    }

    @Test
    void badUsageExitsTwo() {
        CliRunner r = CliRunner.run("model", "init", "--arch", "qwen3", "--out", tmp.resolve("y").toString(), "--bogus");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--bogus"), r.err());
        CliRunner arch = CliRunner.run("model", "init", "--arch", "gpt2", "--out", tmp.resolve("x").toString());
        assertEquals(2, arch.exitCode());
        assertTrue(arch.err().contains("gpt2"), arch.err());
    }

    @Test
    void initWritesACompleteHuggingFaceFolder() throws IOException {
        for (String f : List.of("config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json", "generation_config.json"))
            assertTrue(Files.isRegularFile(model.resolve(f)), f);
        ModelConfig c = ModelConfig.load(model);
        assertEquals(ModelConfig.Architecture.QWEN3, c.arch());
        long params = WeightLayout.parameterCount(c);
        assertTrue(params > 500_000 && params < 1_500_000, "tiny is about 1M parameters: " + params);
        try (SafetensorsFile f = SafetensorsFile.open(model.resolve("model.safetensors"))) {
            assertTrue(f.names().contains("model.layers.3.self_attn.q_norm.weight"));
        }
        try (Tokenizer tok = Tokenizer.load(model)) {
            assertEquals(c.vocabSize(), tok.vocabSize());
            assertEquals(c.eosTokenIds().get(0), tok.eosId());
        }
        try (var files = Files.list(tmp)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith(".")), "no temporary folder left behind");
        }
    }

    @Test
    void sameSeedSameWeightsOtherSeedOtherWeights() throws IOException {
        Path again = tmp.resolve("again"), other = tmp.resolve("other");
        assertEquals(0, CliRunner.run("model", "init", "--arch", "qwen3", "--seed", "5", "--out", again.toString()).exitCode());
        assertEquals(0, CliRunner.run("model", "init", "--arch", "qwen3", "--seed", "6", "--out", other.toString()).exitCode());
        byte[] a = Files.readAllBytes(model.resolve("model.safetensors"));
        assertArrayEquals(a, Files.readAllBytes(again.resolve("model.safetensors")));
        assertFalse(java.util.Arrays.equals(a, Files.readAllBytes(other.resolve("model.safetensors"))));
    }

    @Test
    void initRefusesANonEmptyFolder() {
        CliRunner r = CliRunner.run("model", "init", "--arch", "llama", "--out", model.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("not empty"), r.err());
    }

    @Test
    void infoReportsArchitectureAndSizes() {
        CliRunner r = CliRunner.run("model", "info", model.toString());
        assertEquals(0, r.exitCode(), r.err());
        ModelConfig c = ModelConfig.load(model);
        String count = String.format("%,d", WeightLayout.parameterCount(c));
        for (String s : List.of("Qwen3ForCausalLM", count, "float32", "model.safetensors", "kv_heads", "head_dim"))
            assertTrue(r.out().contains(s), "info lacks " + s + ":\n" + r.out());
    }

    @Test
    void logitsWritesIdsAndTheFullForward() {
        Path out = tmp.resolve("logits.safetensors");
        String text = "Write a haiku about rain.";
        CliRunner r = CliRunner.run("model", "logits", model.toString(), "--text", text, "--chat", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        long[] expectedIds;
        try (Tokenizer tok = Tokenizer.load(model)) {
            expectedIds = tok.encodeChat(List.of(new ChatMessage("user", text)), true);
        }
        try (PointerScope scope = new PointerScope(); SafetensorsFile f = SafetensorsFile.open(out);
             Decoder decoder = Decoder.load(model, Devices.cpu(), DType.F32); NoGradGuard noGrad = new NoGradGuard()) {
            assertEquals(DType.I64, f.info("input_ids").dtype());
            assertEquals(DType.F32, f.info("logits").dtype());
            assertArrayEquals(expectedIds, Tensors.toLongs(f.load("input_ids")));
            assertArrayEquals(new long[] {expectedIds.length, decoder.config().vocabSize()}, f.info("logits").shape());
            float[] want = Tensors.toFloats(decoder.forward(Tensors.longs(new long[][] {expectedIds}, Devices.cpu()), null));
            assertArrayEquals(want, Tensors.toFloats(f.load("logits")), 1e-6f);
        }
    }
}
