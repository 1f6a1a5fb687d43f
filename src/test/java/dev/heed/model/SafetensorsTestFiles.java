package dev.heed.model;

import dev.heed.tensor.DType;
import java.io.IOException;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;

/** Test helpers that build tensors and files without going through the code under test. */
final class SafetensorsTestFiles {
    private SafetensorsTestFiles() {}

    /** Random bit patterns (NaN payloads, -0, subnormals included), so that only a bit-exact path passes. */
    static Tensor randomTensor(DType dtype, Random random, long... shape) {
        long numel = 1;
        for (long d : shape) numel *= d;
        int bytes = (int) (numel * dtype.bytes);
        byte[] values = new byte[bytes];
        random.nextBytes(values);
        ByteBuffer buf = ByteBuffer.allocateDirect(Math.max(bytes, 1)).put(values).rewind(); // JavaCPP starts at position()
        Tensor raw = torch.from_blob(new BytePointer(buf), new long[] {Math.max(bytes, 1)},
                new TensorOptions(torch.ScalarType.Byte));
        Tensor copy = raw.narrow(0, 0, bytes).clone();
        Reference.reachabilityFence(buf); // from_blob borrows the buffer's memory until the clone is done
        return copy.view(dtype.scalarType).view(shape);
    }

    /** The tensor's bytes in row-major order. */
    static byte[] rawBytes(Tensor t) {
        Tensor c = t.contiguous();
        byte[] out = new byte[(int) (c.numel() * c.element_size())];
        if (out.length > 0) new BytePointer(c.data_ptr()).get(out);
        return out;
    }

    /** A safetensors file from a hand-written header: 8-byte little-endian length, the header, the data. */
    static Path writeRaw(Path file, String header, byte[] data) throws IOException {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(8 + json.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(json.length).put(json).put(data);
        return Files.write(file, out.array());
    }
}
