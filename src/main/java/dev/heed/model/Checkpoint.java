package dev.heed.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.heed.config.BadInputException;
import dev.heed.config.JsonFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bytedeco.pytorch.Tensor;

/**
 * The weights of a Hugging Face model folder: one {@code model.safetensors}, or shards listed by
 * {@code model.safetensors.index.json}. Tensors are looked up by name across all shards.
 */
public final class Checkpoint implements AutoCloseable {
    public static final String SINGLE_FILE = "model.safetensors";
    public static final String INDEX_FILE = "model.safetensors.index.json";

    private final Path dir;
    /** Every tensor name, in index (or file) order, to the open file that holds it. */
    private final Map<String, SafetensorsFile> fileOf;
    private final Collection<SafetensorsFile> files;

    private Checkpoint(Path dir, Map<String, SafetensorsFile> fileOf, Collection<SafetensorsFile> files) {
        this.dir = dir;
        this.fileOf = Collections.unmodifiableMap(fileOf);
        this.files = files;
    }

    public static Checkpoint open(Path dir) {
        Path index = dir.resolve(INDEX_FILE);
        Path single = dir.resolve(SINGLE_FILE);
        if (Files.isRegularFile(index)) return openSharded(dir, index);
        if (Files.isRegularFile(single)) {
            SafetensorsFile file = SafetensorsFile.open(single);
            Map<String, SafetensorsFile> fileOf = new LinkedHashMap<>();
            file.names().forEach(n -> fileOf.put(n, file));
            return new Checkpoint(dir, fileOf, List.of(file));
        }
        throw new BadInputException("no weights in " + dir + ": expected " + SINGLE_FILE + " or " + INDEX_FILE);
    }

    private static Checkpoint openSharded(Path dir, Path index) {
        JsonNode weightMap = readWeightMap(index);
        Map<String, SafetensorsFile> files = new LinkedHashMap<>();
        Map<String, SafetensorsFile> fileOf = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, JsonNode> e : weightMap.properties()) {
                String tensor = e.getKey();
                if (!e.getValue().isTextual()) {
                    throw new BadInputException(index + ": weight_map entry for '" + tensor + "' is not a file name");
                }
                String shardName = e.getValue().textValue();
                SafetensorsFile shard = files.get(shardName);
                if (shard == null) {
                    Path shardPath = dir.resolve(shardName);
                    if (!Files.isRegularFile(shardPath)) {
                        throw new BadInputException("shard file " + shardPath + " listed in " + index
                                + " (for tensor '" + tensor + "') does not exist");
                    }
                    shard = SafetensorsFile.open(shardPath);
                    files.put(shardName, shard);
                }
                if (!shard.names().contains(tensor)) {
                    throw new BadInputException(index + " maps tensor '" + tensor + "' to " + shard.path()
                            + ", which has no such tensor");
                }
                fileOf.put(tensor, shard);
            }
        } catch (RuntimeException e) {
            files.values().forEach(SafetensorsFile::close);
            throw e;
        }
        return new Checkpoint(dir, fileOf, files.values());
    }

    private static JsonNode readWeightMap(Path index) {
        JsonNode weightMap = JsonFiles.readObject(index).get("weight_map");
        if (weightMap == null || !weightMap.isObject()) {
            throw new BadInputException(index + ": missing \"weight_map\" object");
        }
        return weightMap;
    }

    public Path dir() {
        return dir;
    }

    public Set<String> names() {
        return fileOf.keySet();
    }

    public TensorInfo info(String name) {
        return fileHolding(name).info(name);
    }

    /** See {@link SafetensorsFile#load}: zero-copy where alignment allows. */
    public Tensor load(String name) {
        return fileHolding(name).load(name);
    }

    private SafetensorsFile fileHolding(String name) {
        SafetensorsFile file = fileOf.get(name);
        if (file == null) throw new BadInputException("no tensor '" + name + "' in checkpoint " + dir);
        return file;
    }

    @Override
    public void close() {
        files.forEach(SafetensorsFile::close);
    }
}
