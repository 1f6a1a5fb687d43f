package dev.heed.model;

import static dev.heed.model.SafetensorsTestFiles.randomTensor;
import static dev.heed.model.SafetensorsTestFiles.writeRaw;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heed.config.BadInputException;
import dev.heed.tensor.DType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsBadInputTest {
    @TempDir
    Path tmp;

    private static void assertBadInput(Executable action, String... mustMention) {
        String message = assertThrows(BadInputException.class, action).getMessage();
        for (String part : mustMention) {
            assertTrue(message.contains(part), "message '" + message + "' should mention '" + part + "'");
        }
    }

    private static String entry(String name, String dtype, String shape, long begin, long end) {
        return "\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":" + shape
                + ",\"data_offsets\":[" + begin + "," + end + "]}";
    }

    @Test
    void fileShorterThanTheLengthField() throws IOException {
        Path file = Files.write(tmp.resolve("short.safetensors"), new byte[] {1, 2, 3, 4, 5});
        assertBadInput(() -> SafetensorsFile.open(file), file.toString(), "too short", "5 bytes");
    }

    @Test
    void headerLengthBeyondTheFile() throws IOException {
        byte[] bytes = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN).putLong(1000).put((byte) '{')
                .put((byte) '}').array();
        Path file = Files.write(tmp.resolve("long.safetensors"), bytes);
        assertBadInput(() -> SafetensorsFile.open(file), file.toString(), "header length 1000 exceeds file size 10");
    }

    @Test
    void negativeHeaderLengthIsReportedUnsigned() throws IOException {
        byte[] bytes = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN).putLong(-1).array();
        Path file = Files.write(tmp.resolve("neg.safetensors"), bytes);
        assertBadInput(() -> SafetensorsFile.open(file), file.toString(), "header length 18446744073709551615");
    }

    @Test
    void invalidJsonHeader() throws IOException {
        Path file = writeRaw(tmp.resolve("json.safetensors"), "{\"w\": {\"dtype\": ", new byte[0]);
        assertBadInput(() -> SafetensorsFile.open(file), file.toString(), "invalid JSON");
    }

    @Test
    void headerThatIsNotAnObject() throws IOException {
        Path file = writeRaw(tmp.resolve("array.safetensors"), "[1, 2]", new byte[0]);
        assertBadInput(() -> SafetensorsFile.open(file), file.toString(), "not a JSON object");
    }

    @Test
    void unknownDtype() throws IOException {
        Path file = writeRaw(tmp.resolve("u8.safetensors"), "{" + entry("mask", "U8", "[4]", 0, 4) + "}", new byte[4]);
        assertBadInput(() -> SafetensorsFile.open(file), file.toString(), "'mask'", "'U8'");
    }

    @Test
    void truncatedDataSection() throws IOException {
        String header = "{" + entry("a", "F32", "[2]", 0, 8) + "," + entry("model.norm.weight", "F32", "[4]", 8, 24) + "}";
        Path file = writeRaw(tmp.resolve("cut.safetensors"), header, new byte[20]);
        assertBadInput(() -> SafetensorsFile.open(file), file.toString(), "'model.norm.weight'", "[8, 24]", "20");
    }

    @Test
    void offsetsThatDisagreeWithShapeAndDtype() throws IOException {
        Path file = writeRaw(tmp.resolve("size.safetensors"), "{" + entry("w", "F32", "[2,2]", 0, 12) + "}", new byte[12]);
        assertBadInput(() -> SafetensorsFile.open(file), file.toString(), "'w'", "hold 12 bytes", "needs 16");
    }

    @Test
    void offsetsInTheWrongOrder() throws IOException {
        Path file = writeRaw(tmp.resolve("order.safetensors"), "{" + entry("w", "I64", "[1]", 8, 0) + "}", new byte[8]);
        assertBadInput(() -> SafetensorsFile.open(file), file.toString(), "'w'", "[8, 0]");
    }

    @Test
    void negativeShape() throws IOException {
        Path file = writeRaw(tmp.resolve("neg.safetensors"), "{" + entry("w", "F32", "[-1]", 0, 0) + "}", new byte[0]);
        assertBadInput(() -> SafetensorsFile.open(file), file.toString(), "'w'", "shape", "-1");
    }

    @Test
    void missingTensor() throws IOException {
        Path file = writeRaw(tmp.resolve("one.safetensors"), "{" + entry("w", "F32", "[1]", 0, 4) + "}", new byte[4]);
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            assertBadInput(() -> f.load("lm_head.weight"), file.toString(), "'lm_head.weight'");
            assertBadInput(() -> f.info("lm_head.weight"), file.toString(), "'lm_head.weight'");
        }
    }

    @Test
    void missingFile() {
        Path file = tmp.resolve("absent.safetensors");
        assertBadInput(() -> SafetensorsFile.open(file), file.toString(), "not found");
    }

    @Test
    void folderWithoutWeights() {
        assertBadInput(() -> Checkpoint.open(tmp), tmp.toString(), "model.safetensors or model.safetensors.index.json");
    }

    @Test
    void checkpointWithoutTheRequestedTensor() throws IOException {
        writeRaw(tmp.resolve(Checkpoint.SINGLE_FILE), "{" + entry("w", "F32", "[1]", 0, 4) + "}", new byte[4]);
        try (Checkpoint c = Checkpoint.open(tmp)) {
            assertBadInput(() -> c.load("lm_head.weight"), tmp.toString(), "'lm_head.weight'");
        }
    }

    private Path shardedCheckpoint() {
        try (PointerScope s = new PointerScope()) {
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            for (String name : Arrays.asList("a", "b", "c")) tensors.put(name, randomTensor(DType.F32, new Random(1), 4));
            Path dir = tmp.resolve("sharded");
            SafetensorsWriter.writeSharded(dir, tensors, 16, Map.of());
            return dir;
        }
    }

    @Test
    void missingShard() throws IOException {
        Path dir = shardedCheckpoint();
        Path shard = dir.resolve("model-00002-of-00003.safetensors");
        Files.delete(shard);
        assertBadInput(() -> Checkpoint.open(dir), shard.toString(), "model.safetensors.index.json", "does not exist");
    }

    @Test
    void indexNamingATensorItsShardLacks() throws IOException {
        Path dir = shardedCheckpoint();
        Path index = dir.resolve(Checkpoint.INDEX_FILE);
        Files.writeString(index, "{\"weight_map\": {\"a\": \"model-00001-of-00003.safetensors\","
                + " \"b\": \"model-00001-of-00003.safetensors\"}}");
        assertBadInput(() -> Checkpoint.open(dir), index.toString(), "'b'", "model-00001-of-00003.safetensors");
    }

    @Test
    void invalidIndex() throws IOException {
        Path dir = shardedCheckpoint();
        Path index = dir.resolve(Checkpoint.INDEX_FILE);
        Files.writeString(index, "{\"metadata\": {}}");
        assertBadInput(() -> Checkpoint.open(dir), index.toString(), "weight_map");
        Files.writeString(index, "{\"weight_map\": ");
        assertBadInput(() -> Checkpoint.open(dir), index.toString(), "invalid JSON");
    }
}
