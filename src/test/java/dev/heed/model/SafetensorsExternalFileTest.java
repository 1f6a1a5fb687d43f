package dev.heed.model;

import static dev.heed.model.SafetensorsTestFiles.writeRaw;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.heed.tensor.DType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files laid out by hand, as the Hugging Face library writes them, with values chosen here. */
class SafetensorsExternalFileTest {
    private static final String HEADER = "{\"__metadata__\":{\"format\":\"pt\"},"
            + "\"model.embed_tokens.weight\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24]},"
            + "\"model.norm.weight\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[24,28]},"
            + "\"model.layers.0.self_attn.q_proj.weight\":{\"dtype\":\"F16\",\"shape\":[1,2],\"data_offsets\":[28,32]},"
            + "\"position_ids\":{\"dtype\":\"I64\",\"shape\":[2],\"data_offsets\":[32,48]}}";
    private static final float[] EMBED = {0.5f, -1.25f, 3.0f, 1e-3f, -0.0f, 65504f};

    @TempDir
    Path tmp;

    private static byte[] data() {
        ByteBuffer b = ByteBuffer.allocate(48).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : EMBED) b.putFloat(v);
        b.putShort((short) 0x3F80).putShort((short) 0xC040); // bf16 1.0, -3.0
        b.putShort((short) 0x3C00).putShort((short) 0xC000); // f16 1.0, -2.0
        b.putLong(7).putLong(-1);
        return b.array();
    }

    /** Pads the header with spaces until the data section starts at an absolute offset ≡ {@code residue} mod 8. */
    private static String padded(int residue) {
        StringBuilder h = new StringBuilder(HEADER);
        while ((8 + h.length()) % 8 != residue) h.append(' ');
        return h.toString();
    }

    private static float[] floats(Tensor t) {
        Tensor f = t.to(torch.ScalarType.Float).contiguous();
        float[] out = new float[(int) f.numel()];
        f.data_ptr_float().get(out);
        return out;
    }

    private static void assertExactValues(SafetensorsFile f) {
        assertEquals(List.of("model.embed_tokens.weight", "model.norm.weight",
                "model.layers.0.self_attn.q_proj.weight", "position_ids"), List.copyOf(f.names()));
        assertEquals(Map.of("format", "pt"), f.metadata());

        Tensor embed = f.load("model.embed_tokens.weight");
        assertEquals(torch.ScalarType.Float, embed.scalar_type().intern());
        assertArrayEquals(new long[] {2, 3}, embed.sizes().vec().get());
        float[] got = floats(embed);
        for (int i = 0; i < EMBED.length; i++) {
            assertEquals(Float.floatToRawIntBits(EMBED[i]), Float.floatToRawIntBits(got[i]), "element " + i);
        }

        Tensor norm = f.load("model.norm.weight");
        assertEquals(torch.ScalarType.BFloat16, norm.scalar_type().intern());
        assertArrayEquals(new float[] {1.0f, -3.0f}, floats(norm));

        Tensor q = f.load("model.layers.0.self_attn.q_proj.weight");
        assertEquals(DType.F16, f.info("model.layers.0.self_attn.q_proj.weight").dtype());
        assertArrayEquals(new long[] {1, 2}, q.sizes().vec().get());
        assertArrayEquals(new float[] {1.0f, -2.0f}, floats(q));

        Tensor ids = f.load("position_ids");
        long[] idValues = new long[2];
        ids.contiguous().data_ptr_long().get(idValues);
        assertArrayEquals(new long[] {7, -1}, idValues);
    }

    @Test
    void huggingFaceLayoutLoadsExactValues() throws IOException {
        try (PointerScope s = new PointerScope()) {
            Path file = writeRaw(tmp.resolve("model.safetensors"), padded(0), data());
            try (SafetensorsFile f = SafetensorsFile.open(file)) {
                assertExactValues(f);
            }
        }
    }

    @Test
    void unalignedDataOffsetsLoadExactValuesByCopy() throws IOException {
        try (PointerScope s = new PointerScope()) {
            Path file = writeRaw(tmp.resolve("odd.safetensors"), padded(1), data());
            try (SafetensorsFile f = SafetensorsFile.open(file)) {
                assertExactValues(f);
                assertNotEquals(f.load("model.embed_tokens.weight").data_ptr().address(),
                        f.load("model.embed_tokens.weight").data_ptr().address(), "unaligned tensors are copies");
            }
        }
    }

    @Test
    void checkpointFolderWithOneFileLoadsTheSameValues() throws IOException {
        try (PointerScope s = new PointerScope()) {
            writeRaw(tmp.resolve(Checkpoint.SINGLE_FILE), padded(0), data());
            try (Checkpoint c = Checkpoint.open(tmp)) {
                assertEquals(4, c.names().size());
                assertArrayEquals(new float[] {1.0f, -3.0f}, floats(c.load("model.norm.weight")));
                assertEquals(24, c.info("model.norm.weight").begin());
            }
        }
    }
}
