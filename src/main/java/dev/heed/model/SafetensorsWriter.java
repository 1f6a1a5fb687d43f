package dev.heed.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.heed.config.AtomicFiles;
import dev.heed.tensor.DType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;

/** Writes tensors as {@code .safetensors} files and Hugging Face sharded checkpoints, each file atomically. */
public final class SafetensorsWriter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SHARD_NAME = Pattern.compile("model-\\d+-of-\\d+\\.safetensors");
    /** Tensor bytes go out in slices: a ByteBuffer holds at most 2 GiB. */
    private static final long SLICE_BYTES = 64L << 20;

    private SafetensorsWriter() {}

    /**
     * One file: header keys and data in the map's iteration order, {@code __metadata__} first when non-empty.
     * Tensors may live on any device and in any layout; their bytes are copied out one at a time.
     */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) {
        byte[] header = header(tensors, metadata);
        AtomicFiles.write(file, out -> {
            writeFully(out, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, header.length));
            writeFully(out, ByteBuffer.wrap(header));
            for (Tensor t : tensors.values()) writeData(out, t);
        });
    }

    /**
     * A Hugging Face checkpoint in {@code dir}: shards {@code model-00001-of-0000N.safetensors} of at most
     * {@code maxShardBytes} tensor bytes each (a larger tensor gets a shard of its own), filled in map
     * order, then {@code model.safetensors.index.json}; a single {@code model.safetensors} when all fits
     * in one shard. Weight files of an earlier save in {@code dir} that are not part of this one are
     * deleted afterwards, so that a stale index or shard cannot shadow the new weights.
     */
    public static void writeSharded(Path dir, Map<String, Tensor> tensors, long maxShardBytes,
                                    Map<String, String> metadata) {
        if (maxShardBytes <= 0) throw new IllegalArgumentException("maxShardBytes must be positive: " + maxShardBytes);
        List<Map<String, Tensor>> shards = new ArrayList<>();
        Map<String, Tensor> shard = new LinkedHashMap<>();
        long shardBytes = 0;
        long totalBytes = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            long bytes = byteSize(e.getKey(), e.getValue());
            if (!shard.isEmpty() && shardBytes + bytes > maxShardBytes) {
                shards.add(shard);
                shard = new LinkedHashMap<>();
                shardBytes = 0;
            }
            shard.put(e.getKey(), e.getValue());
            shardBytes += bytes;
            totalBytes += bytes;
        }
        shards.add(shard);

        if (shards.size() == 1) {
            write(dir.resolve(Checkpoint.SINGLE_FILE), tensors, metadata);
            deleteStaleWeights(dir, Set.of(Checkpoint.SINGLE_FILE));
            return;
        }
        ObjectNode index = JSON.createObjectNode();
        index.putObject("metadata").put("total_size", totalBytes);
        ObjectNode weightMap = index.putObject("weight_map");
        List<String> written = new ArrayList<>();
        for (int i = 0; i < shards.size(); i++) {
            String name = String.format("model-%05d-of-%05d.safetensors", i + 1, shards.size());
            write(dir.resolve(name), shards.get(i), metadata);
            shards.get(i).keySet().forEach(t -> weightMap.put(t, name));
            written.add(name);
        }
        try {
            AtomicFiles.writeBytes(dir.resolve(Checkpoint.INDEX_FILE),
                    JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(index));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        written.add(Checkpoint.INDEX_FILE);
        deleteStaleWeights(dir, Set.copyOf(written));
    }

    private static byte[] header(Map<String, Tensor> tensors, Map<String, String> metadata) {
        ObjectNode root = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = root.putObject("__metadata__");
            metadata.forEach(meta::put);
        }
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            Tensor t = e.getValue();
            long bytes = byteSize(e.getKey(), t);
            ObjectNode entry = root.putObject(e.getKey());
            entry.put("dtype", dtypeOf(e.getKey(), t).safetensorsName);
            ArrayNode shape = entry.putArray("shape");
            for (int d = 0; d < t.dim(); d++) shape.add(t.size(d));
            entry.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        // Like the Hugging Face writer: pad with spaces so the data section starts 8-byte aligned.
        byte[] padded = Arrays.copyOf(json, (json.length + 7) / 8 * 8);
        Arrays.fill(padded, json.length, padded.length, (byte) ' ');
        return padded;
    }

    private static void writeData(FileChannel out, Tensor t) throws IOException {
        try (PointerScope scope = new PointerScope()) {
            Tensor host = t.detach().cpu().contiguous();
            long bytes = host.numel() * host.element_size();
            if (bytes == 0) return;
            BytePointer data = new BytePointer(host.data_ptr());
            for (long at = 0; at < bytes; at += SLICE_BYTES) {
                writeFully(out, data.position(at).limit(Math.min(bytes, at + SLICE_BYTES)).asByteBuffer());
            }
        }
    }

    private static void writeFully(FileChannel out, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) out.write(buf);
    }

    private static long byteSize(String name, Tensor t) {
        return t.numel() * dtypeOf(name, t).bytes;
    }

    private static DType dtypeOf(String name, Tensor t) {
        try {
            return DType.of(t.scalar_type());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("tensor '" + name + "': " + e.getMessage(), e);
        }
    }

    private static void deleteStaleWeights(Path dir, Set<String> keep) {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                boolean weights = name.equals(Checkpoint.SINGLE_FILE) || name.equals(Checkpoint.INDEX_FILE)
                        || SHARD_NAME.matcher(name).matches();
                if (weights && !keep.contains(name)) Files.delete(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove stale weights in " + dir + ": " + e.getMessage(), e);
        }
    }
}
