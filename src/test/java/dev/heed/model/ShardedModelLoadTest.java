package dev.heed.model;

import dev.heed.config.AtomicFiles;
import dev.heed.tensor.DType;
import dev.heed.tensor.Devices;
import dev.heed.tensor.Tensors;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A model saved in shards (with its index) loads to exactly the same decoder as the single-file save. */
class ShardedModelLoadTest {
    @Test
    void shardedAndSingleFileCheckpointsGiveIdenticalLogits(@TempDir Path tmp) {
        ModelConfig c = TestModels.tinyConfig(ModelConfig.Architecture.LLAMA);
        Path single = tmp.resolve("single"), sharded = tmp.resolve("sharded");
        try (PointerScope scope = new PointerScope(); DecoderWeights w = TestModels.randomWeights(c, 21)) {
            for (Path dir : new Path[] {single, sharded})
                AtomicFiles.writeString(dir.resolve("config.json"), c.toJson().toString());
            w.save(single, DType.F32, DecoderWeights.DEFAULT_SHARD_BYTES);
            w.save(sharded, DType.F32, 300_000);
        }
        assertTrue(Files.exists(sharded.resolve("model.safetensors.index.json")));
        try (var files = Files.list(sharded)) {
            assertTrue(files.filter(p -> p.getFileName().toString().matches("model-\\d{5}-of-\\d{5}\\.safetensors")).count() > 5, "several shards");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long[][] ids = {{1, 5, 9, 300, 42, 17}};
        try (PointerScope scope = new PointerScope(); NoGradGuard noGrad = new NoGradGuard();
             Decoder a = Decoder.load(single, Devices.cpu(), DType.F32); Decoder b = Decoder.load(sharded, Devices.cpu(), DType.F32)) {
            assertArrayEquals(Tensors.toFloats(a.forward(Tensors.longs(ids, Devices.cpu()), null)),
                    Tensors.toFloats(b.forward(Tensors.longs(ids, Devices.cpu()), null)));
        }
    }
}
