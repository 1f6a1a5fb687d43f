package dev.heed.model;

import static dev.heed.model.SafetensorsTestFiles.randomTensor;
import static dev.heed.model.SafetensorsTestFiles.rawBytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.heed.tensor.DType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsRoundTripTest {
    @TempDir
    Path tmp;

    /** Every dtype in 2-d, 0-d, empty and odd-length shapes; the odd lengths leave later tensors unaligned. */
    private static Map<String, Tensor> mixedTensors() {
        Random random = new Random(7);
        long[][] shapes = {{3, 5}, {}, {0}, {2, 0, 3}, {7}};
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (DType dtype : DType.values()) {
            for (long[] shape : shapes) {
                tensors.put("layers." + dtype + "." + shape.length + "d" + (shape.length > 0 ? shape[0] : ""),
                        randomTensor(dtype, random, shape));
            }
        }
        return tensors;
    }

    private static void assertSameTensors(Map<String, Tensor> expected, Checkpoint actual) {
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(actual.names()));
        expected.forEach((name, t) -> {
            Tensor loaded = actual.load(name);
            assertEquals(t.scalar_type().intern(), loaded.scalar_type().intern(), name);
            assertArrayEquals(t.sizes().vec().get(), loaded.sizes().vec().get(), name);
            assertArrayEquals(t.sizes().vec().get(), actual.info(name).shape(), name);
            assertArrayEquals(rawBytes(t), rawBytes(loaded), name);
        });
    }

    @Test
    void roundTripIsBitExactForEveryDtypeAndShape() {
        try (PointerScope s = new PointerScope()) {
            Map<String, Tensor> tensors = mixedTensors();
            Path file = tmp.resolve("all.safetensors");
            SafetensorsWriter.write(file, tensors, Map.of("format", "pt"));
            try (SafetensorsFile f = SafetensorsFile.open(file)) {
                assertEquals(List.copyOf(tensors.keySet()), List.copyOf(f.names()));
                assertEquals(Map.of("format", "pt"), f.metadata());
                tensors.forEach((name, t) -> {
                    Tensor loaded = f.load(name);
                    assertEquals(t.scalar_type().intern(), loaded.scalar_type().intern(), name);
                    assertEquals(DType.of(t.scalar_type()), f.info(name).dtype(), name);
                    assertArrayEquals(t.sizes().vec().get(), loaded.sizes().vec().get(), name);
                    assertArrayEquals(rawBytes(t), rawBytes(loaded), name);
                });
            }
        }
    }

    @Test
    void nonContiguousTensorsAreWrittenInLogicalOrder() {
        try (PointerScope s = new PointerScope()) {
            Tensor t = randomTensor(DType.F32, new Random(3), 4, 6).t();
            Path file = tmp.resolve("transposed.safetensors");
            SafetensorsWriter.write(file, Map.of("w", t), Map.of());
            try (SafetensorsFile f = SafetensorsFile.open(file)) {
                assertArrayEquals(new long[] {6, 4}, f.info("w").shape());
                assertArrayEquals(rawBytes(t), rawBytes(f.load("w")));
            }
        }
    }

    @Test
    void headerIsSpacePaddedToEightBytesWithMetadataFirst() throws IOException {
        try (PointerScope s = new PointerScope()) {
            Path file = tmp.resolve("h.safetensors");
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            tensors.put("b", randomTensor(DType.BF16, new Random(1), 3));
            tensors.put("a", randomTensor(DType.F32, new Random(2), 2));
            SafetensorsWriter.write(file, tensors, Map.of("format", "pt"));

            byte[] bytes = Files.readAllBytes(file);
            long n = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
            assertEquals(0, n % 8, "header length " + n);
            assertEquals(8 + n + 3 * 2 + 2 * 4, bytes.length);
            String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
            assertTrue(header.startsWith("{\"__metadata__\":{\"format\":\"pt\"},\"b\":"), header);
            assertTrue(header.indexOf("\"b\"") < header.indexOf("\"a\""), header);
            String json = header.stripTrailing();
            assertTrue(json.endsWith("}"), header);
            assertTrue(header.substring(json.length()).chars().allMatch(c -> c == ' '), "padding is spaces");
        }
    }

    @Test
    void noMetadataKeyWhenMetadataIsEmpty() throws IOException {
        try (PointerScope s = new PointerScope()) {
            Path file = tmp.resolve("m.safetensors");
            SafetensorsWriter.write(file, Map.of("x", randomTensor(DType.I64, new Random(1), 2)), Map.of());
            String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            assertFalse(text.contains("__metadata__"), text);
            try (SafetensorsFile f = SafetensorsFile.open(file)) {
                assertTrue(f.metadata().isEmpty());
            }
        }
    }

    @Test
    void alignedTensorsAreViewsOfOneMapping() {
        try (PointerScope s = new PointerScope()) {
            Path file = tmp.resolve("z.safetensors");
            SafetensorsWriter.write(file, Map.of("w", randomTensor(DType.F32, new Random(5), 8, 8)), Map.of());
            try (SafetensorsFile f = SafetensorsFile.open(file)) {
                assertEquals(f.load("w").data_ptr().address(), f.load("w").data_ptr().address());
            }
        }
    }

    @Test
    void inPlaceChangesToALoadedTensorNeverReachTheFile() throws IOException {
        try (PointerScope s = new PointerScope()) {
            Tensor original = randomTensor(DType.F32, new Random(9), 16);
            Path file = tmp.resolve("cow.safetensors");
            SafetensorsWriter.write(file, Map.of("w", original), Map.of());
            byte[] before = Files.readAllBytes(file);
            try (SafetensorsFile f = SafetensorsFile.open(file)) {
                f.load("w").fill_(new Scalar(42.0f));
            }
            assertArrayEquals(before, Files.readAllBytes(file));
            try (SafetensorsFile f = SafetensorsFile.open(file)) {
                assertArrayEquals(rawBytes(original), rawBytes(f.load("w")));
            }
        }
    }

    @Test
    void loadedTensorsOutliveTheirFile() {
        try (PointerScope s = new PointerScope()) {
            Tensor original = randomTensor(DType.BF16, new Random(4), 5, 3);
            Path file = tmp.resolve("o.safetensors");
            SafetensorsWriter.write(file, Map.of("w", original), Map.of());
            Tensor loaded;
            try (SafetensorsFile f = SafetensorsFile.open(file)) {
                loaded = f.load("w");
            }
            assertArrayEquals(rawBytes(original), rawBytes(loaded));
        }
    }

    @Test
    void shardedCheckpointLoadsTheSameTensorsAsASingleFile() throws IOException {
        try (PointerScope s = new PointerScope()) {
            Map<String, Tensor> tensors = mixedTensors();
            long total = tensors.values().stream().mapToLong(t -> t.numel() * t.element_size()).sum();

            Path single = tmp.resolve("single");
            SafetensorsWriter.writeSharded(single, tensors, total, Map.of("format", "pt"));
            assertTrue(Files.isRegularFile(single.resolve(Checkpoint.SINGLE_FILE)));
            assertFalse(Files.exists(single.resolve(Checkpoint.INDEX_FILE)));

            Path sharded = tmp.resolve("sharded");
            SafetensorsWriter.writeSharded(sharded, tensors, 64, Map.of("format", "pt"));
            JsonNode index = new ObjectMapper().readTree(sharded.resolve(Checkpoint.INDEX_FILE).toFile());
            assertEquals(total, index.get("metadata").get("total_size").longValue());
            List<String> shardFiles = new ArrayList<>();
            index.get("weight_map").forEach(f -> { if (!shardFiles.contains(f.textValue())) shardFiles.add(f.textValue()); });
            assertTrue(shardFiles.size() >= 3, shardFiles.toString());
            for (int i = 0; i < shardFiles.size(); i++) {
                assertEquals(String.format("model-%05d-of-%05d.safetensors", i + 1, shardFiles.size()), shardFiles.get(i));
            }
            try (Stream<Path> files = Files.list(sharded)) {
                assertEquals(shardFiles.size() + 1, files.count(), "shards + index, nothing else");
            }

            try (Checkpoint a = Checkpoint.open(single); Checkpoint b = Checkpoint.open(sharded)) {
                assertSameTensors(tensors, a);
                assertSameTensors(tensors, b);
            }
        }
    }

    @Test
    void savingOverAShardedCheckpointRemovesItsStaleFiles() throws IOException {
        try (PointerScope s = new PointerScope()) {
            Path dir = tmp.resolve("ckpt");
            SafetensorsWriter.writeSharded(dir, mixedTensors(), 64, Map.of());
            Map<String, Tensor> next = Map.of("only", randomTensor(DType.F32, new Random(11), 4));
            SafetensorsWriter.writeSharded(dir, next, 1 << 20, Map.of());
            try (Stream<Path> files = Files.list(dir)) {
                assertEquals(List.of(Checkpoint.SINGLE_FILE), files.map(p -> p.getFileName().toString()).toList());
            }
            try (Checkpoint c = Checkpoint.open(dir)) {
                assertSameTensors(next, c);
            }
            Files.writeString(dir.resolve("notes.txt"), "kept");
            SafetensorsWriter.writeSharded(dir, mixedTensors(), 64, Map.of());
            assertFalse(Files.exists(dir.resolve(Checkpoint.SINGLE_FILE)));
            assertTrue(Files.exists(dir.resolve("notes.txt")));
            try (Checkpoint c = Checkpoint.open(dir)) {
                assertSameTensors(mixedTensors(), c);
            }
        }
    }
}
