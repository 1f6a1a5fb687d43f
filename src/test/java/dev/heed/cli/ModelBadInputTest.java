package dev.heed.cli;

import dev.heed.model.SafetensorsFile;
import dev.heed.model.SafetensorsWriter;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each broken model folder gives exit code 2, a message naming what and where, no stack trace, no output. */
class ModelBadInputTest {
    @TempDir
    static Path tmp;
    static Path good;

    @BeforeAll
    static void createModel() {
        good = tmp.resolve("good");
        assertEquals(0, CliRunner.run("model", "init", "--arch", "qwen2", "--out", good.toString()).exitCode());
    }

    /** A fresh copy of the good model, to break. */
    private static Path copy(String name) throws IOException {
        Path dir = tmp.resolve(name);
        Files.createDirectories(dir);
        try (Stream<Path> files = Files.list(good)) {
            for (Path f : (Iterable<Path>) files::iterator) Files.copy(f, dir.resolve(f.getFileName()));
        }
        return dir;
    }

    private static void assertRejected(Path dir, String... fragments) {
        Path out = dir.resolve("out.safetensors");
        CliRunner r = CliRunner.run("model", "logits", dir.toString(), "--text", "hello", "--out", out.toString());
        assertEquals(2, r.exitCode(), "exit code; stderr: " + r.err());
        for (String f : fragments) assertTrue(r.err().contains(f), "message lacks '" + f + "': " + r.err());
        assertTrue(r.err().startsWith("heed: error: "), r.err());
        assertFalse(r.hasStackTrace(), r.err());
        assertFalse(Files.exists(out), "no output written");
    }

    @Test
    void missingConfig() throws IOException {
        Path dir = copy("no-config");
        Files.delete(dir.resolve("config.json"));
        assertRejected(dir, "config.json", dir.toString());
    }

    @Test
    void missingWeights() throws IOException {
        Path dir = copy("no-weights");
        Files.delete(dir.resolve("model.safetensors"));
        assertRejected(dir, "model.safetensors", dir.toString());
    }

    @Test
    void unknownModelType() throws IOException {
        Path dir = copy("unknown-type");
        replaceInConfig(dir, "\"model_type\" : \"qwen2\"", "\"model_type\" : \"mamba\"");
        assertRejected(dir, "config.json", "model_type", "mamba");
    }

    @Test
    void invalidJson() throws IOException {
        Path dir = copy("bad-json");
        Files.writeString(dir.resolve("config.json"), "{\n  \"model_type\": \"qwen2\",\n  oops\n}");
        assertRejected(dir, "config.json:3", "invalid JSON");
    }

    @Test
    void missingTensorIsNamed() throws IOException {
        Path dir = copy("missing-tensor");
        String victim = "model.layers.1.mlp.up_proj.weight";
        rewriteWeights(dir, (name, t) -> name.equals(victim) ? null : t);
        assertRejected(dir, "missing tensor", victim);
    }

    @Test
    void shapeMismatchNamesTensorAndShapes() throws IOException {
        Path dir = copy("bad-shape");
        String victim = "model.layers.0.self_attn.k_proj.weight";
        rewriteWeights(dir, (name, t) -> name.equals(victim) ? t.narrow(0, 0, 32).contiguous() : t);
        assertRejected(dir, victim, "expected shape [64, 128]", "got [32, 128]");
    }

    @Test
    void truncatedSafetensors() throws IOException {
        Path dir = copy("truncated");
        Path f = dir.resolve("model.safetensors");
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.setLength(raf.length() / 2);
        }
        assertRejected(dir, "model.safetensors");
    }

    @Test
    void headerLongerThanFile() throws IOException {
        Path dir = copy("long-header");
        Path f = dir.resolve("model.safetensors");
        byte[] bytes = Files.readAllBytes(f);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(0, bytes.length * 4L);
        Files.write(f, bytes);
        assertRejected(dir, "model.safetensors", "header");
    }

    private static void replaceInConfig(Path dir, String from, String to) throws IOException {
        Path f = dir.resolve("config.json");
        String s = Files.readString(f);
        assertTrue(s.contains(from), "config.json contains " + from);
        Files.writeString(f, s.replace(from, to));
    }

    private interface Edit {
        Tensor apply(String name, Tensor t);
    }

    private static void rewriteWeights(Path dir, Edit edit) {
        Path f = dir.resolve("model.safetensors");
        try (PointerScope scope = new PointerScope()) {
            Map<String, Tensor> kept = new LinkedHashMap<>();
            try (SafetensorsFile in = SafetensorsFile.open(f)) {
                for (String name : in.names()) {
                    Tensor t = edit.apply(name, in.load(name).clone());
                    if (t != null) kept.put(name, t);
                }
            }
            SafetensorsWriter.write(f, kept, Map.of());
        }
    }
}
