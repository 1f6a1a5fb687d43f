package dev.heed.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.heed.config.BadInputException;
import dev.heed.tensor.DType;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.bytedeco.pytorch.BoolOptional;
import org.bytedeco.pytorch.LongOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;

/**
 * A read-only view of one {@code .safetensors} file: the header is parsed and validated when the file is
 * opened; tensors are served zero-copy from one memory mapping of the whole file.
 *
 * <p>Format: 8-byte little-endian header length N, N bytes of JSON
 * ({@code {"__metadata__": {..}, "name": {"dtype", "shape", "data_offsets": [begin, end]}, ..}}), then the
 * data section that the offsets index into.
 */
public final class SafetensorsFile implements AutoCloseable {
    /** The Hugging Face library's own limit; a larger header is a corrupt length field, not a real header. */
    private static final long MAX_HEADER_BYTES = 100_000_000;
    private static final String METADATA_KEY = "__metadata__";
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final Path path;
    private final long dataStart;
    private final Map<String, TensorInfo> infos;
    private final Map<String, String> metadata;
    /** The whole file as a uint8 tensor; every zero-copy tensor is a view of it. Null once closed. */
    private Tensor mapped;

    private SafetensorsFile(Path path, long dataStart, Map<String, TensorInfo> infos, Map<String, String> metadata,
                            Tensor mapped) {
        this.path = path;
        this.dataStart = dataStart;
        this.infos = Collections.unmodifiableMap(infos);
        this.metadata = Collections.unmodifiableMap(metadata);
        this.mapped = mapped;
    }

    public static SafetensorsFile open(Path path) {
        long fileSize;
        byte[] header;
        try (FileChannel ch = FileChannel.open(path)) {
            fileSize = ch.size();
            if (fileSize < 8) {
                throw new BadInputException(path + ": file too short for safetensors (" + fileSize
                        + " bytes; the header length alone takes 8)");
            }
            long headerLength = readFully(ch, ByteBuffer.allocate(8), 0).order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (headerLength < 0 || headerLength > fileSize - 8) {
                throw new BadInputException(path + ": header length " + Long.toUnsignedString(headerLength)
                        + " exceeds file size " + fileSize + " (file truncated or not safetensors)");
            }
            if (headerLength > MAX_HEADER_BYTES) {
                throw new BadInputException(path + ": header length " + headerLength + " exceeds the limit of "
                        + MAX_HEADER_BYTES + " bytes");
            }
            header = readFully(ch, ByteBuffer.allocate((int) headerLength), 8).array();
        } catch (NoSuchFileException e) {
            throw new BadInputException("safetensors file not found: " + path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
        long dataStart = 8L + header.length;
        Map<String, TensorInfo> infos = new LinkedHashMap<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        parseHeader(path, header, fileSize - dataStart, infos, metadata);

        // shared=false: libtorch maps the file O_RDONLY + MAP_PRIVATE, so an in-place op on a loaded
        // tensor copies the touched page and never writes back to the checkpoint.
        Tensor mapped;
        try (BoolOptional shared = new BoolOptional(false); LongOptional size = new LongOptional(fileSize);
             TensorOptions uint8 = new TensorOptions(torch.ScalarType.Byte)) {
            mapped = torch.from_file(path.toString(), shared, size, uint8);
        }
        mapped.retainReference(); // outlives the caller's PointerScope; released in close()
        return new SafetensorsFile(path, dataStart, infos, metadata, mapped);
    }

    public Path path() {
        return path;
    }

    /** Tensor names in header order. */
    public Set<String> names() {
        return infos.keySet();
    }

    public TensorInfo info(String name) {
        TensorInfo info = infos.get(name);
        if (info == null) throw new BadInputException("no tensor '" + name + "' in " + path);
        return info;
    }

    /** The header's {@code __metadata__}; empty when absent. */
    public Map<String, String> metadata() {
        return metadata;
    }

    /**
     * The tensor as a view of the mapped file when its offset is aligned to its element size (libtorch's
     * {@code view(dtype)} requires that; safetensors does not promise it), otherwise as a private copy.
     * The view stays valid after {@link #close()}: it holds its own reference to the mapping. Views of one
     * open file share memory, so an in-place change shows in later loads of that tensor (never in the file).
     */
    public Tensor load(String name) {
        TensorInfo info = info(name);
        if (mapped == null) throw new IllegalStateException(path + " is closed");
        long offset = dataStart + info.begin();
        try (Tensor bytes = mapped.narrow(0, offset, info.byteSize())) {
            if (offset % info.dtype().bytes == 0) {
                try (Tensor typed = bytes.view(info.dtype().scalarType)) {
                    return typed.view(info.shape());
                }
            }
            try (Tensor copy = bytes.clone(); Tensor typed = copy.view(info.dtype().scalarType)) {
                return typed.view(info.shape());
            }
        }
    }

    @Override
    public void close() {
        if (mapped != null) {
            mapped.releaseReference();
            mapped = null;
        }
    }

    private static ByteBuffer readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
        while (buf.hasRemaining()) {
            if (ch.read(buf, position + buf.position()) < 0) throw new EOFException();
        }
        return buf.flip();
    }

    private static void parseHeader(Path path, byte[] header, long dataSize, Map<String, TensorInfo> infos,
                                    Map<String, String> metadata) {
        JsonNode root;
        try {
            root = JSON.readTree(header);
        } catch (JsonProcessingException e) {
            throw new BadInputException(path + ": invalid JSON in safetensors header: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (root == null || !root.isObject()) {
            throw new BadInputException(path + ": safetensors header is not a JSON object");
        }
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            if (e.getKey().equals(METADATA_KEY)) {
                parseMetadata(path, e.getValue(), metadata);
            } else {
                infos.put(e.getKey(), parseEntry(path, e.getKey(), e.getValue(), dataSize));
            }
        }
    }

    private static void parseMetadata(Path path, JsonNode node, Map<String, String> metadata) {
        if (!node.isObject()) throw new BadInputException(path + ": " + METADATA_KEY + " is not a JSON object");
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (!e.getValue().isTextual()) {
                throw new BadInputException(path + ": " + METADATA_KEY + "." + e.getKey() + " is not a string");
            }
            metadata.put(e.getKey(), e.getValue().textValue());
        }
    }

    private static TensorInfo parseEntry(Path path, String name, JsonNode node, long dataSize) {
        String where = "tensor '" + name + "' in " + path;
        if (!node.isObject()) throw new BadInputException(where + ": header entry is not a JSON object");
        JsonNode dtypeNode = node.get("dtype");
        if (dtypeNode == null || !dtypeNode.isTextual()) throw new BadInputException(where + ": missing \"dtype\"");
        DType dtype;
        try {
            dtype = DType.fromSafetensors(dtypeNode.textValue());
        } catch (BadInputException e) {
            throw new BadInputException(where + ": " + e.getMessage());
        }
        long[] shape = longArray(where, node, "shape", -1);
        long[] offsets = longArray(where, node, "data_offsets", 2);
        long begin = offsets[0];
        long end = offsets[1];
        if (begin > end || end > dataSize) {
            throw new BadInputException(where + ": data_offsets [" + begin + ", " + end
                    + "] out of range of the data section [0, " + dataSize + "] (file truncated?)");
        }
        long expected;
        try {
            expected = dtype.bytes;
            for (long d : shape) expected = Math.multiplyExact(expected, d);
        } catch (ArithmeticException e) {
            throw new BadInputException(where + ": shape " + Arrays.toString(shape) + " is too large");
        }
        if (end - begin != expected) {
            throw new BadInputException(where + ": data_offsets [" + begin + ", " + end + "] hold " + (end - begin)
                    + " bytes, but shape " + Arrays.toString(shape) + " of " + dtype.safetensorsName + " needs "
                    + expected);
        }
        return new TensorInfo(name, dtype, shape, begin, end);
    }

    /** A JSON array of non-negative integers; {@code length} < 0 accepts any length. */
    private static long[] longArray(String where, JsonNode entry, String field, int length) {
        JsonNode node = entry.get(field);
        if (node == null || !node.isArray() || (length >= 0 && node.size() != length)) {
            throw new BadInputException(where + ": \"" + field + "\" must be an array"
                    + (length >= 0 ? " of " + length + " integers" : " of integers"));
        }
        long[] values = new long[node.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode v = node.get(i);
            if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0) {
                throw new BadInputException(where + ": \"" + field + "\" holds " + v + ", not a non-negative integer");
            }
            values[i] = v.longValue();
        }
        return values;
    }
}
