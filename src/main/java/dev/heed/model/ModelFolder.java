package dev.heed.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.heed.config.AtomicFiles;
import dev.heed.config.BadInputException;
import dev.heed.config.JsonFiles;
import dev.heed.model.tokenizer.SpecialTokenIds;
import dev.heed.model.tokenizer.TokenizerFiles;
import dev.heed.tensor.DType;
import dev.heed.tensor.Devices;
import org.bytedeco.javacpp.PointerScope;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Creates complete Hugging Face model folders from a seeded random init. */
public final class ModelFolder {
    private ModelFolder() {}

    /** Tokenizer size per preset: the embedding table covers exactly these ids. */
    public static int vocabSize(Presets.Size size) {
        return size == Presets.Size.TINY ? 512 : 4096;
    }

    /**
     * Writes config.json, model.safetensors, tokenizer.json, tokenizer_config.json and
     * generation_config.json into {@code out}. The folder is assembled beside {@code out} and renamed into
     * place, so an interrupted run leaves nothing behind.
     */
    public static ModelConfig create(Path out, ModelConfig.Architecture arch, Presets.Size size, long seed) {
        if (Files.exists(out) && !isEmptyDir(out))
            throw new BadInputException(out + " already exists and is not empty");
        Path parent = out.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(parent);
            tmp = Files.createTempDirectory(parent, "." + out.getFileName() + ".");
            SpecialTokenIds ids = TokenizerFiles.writeByteLevelBpe(tmp, vocabSize(size), 4096);
            ModelConfig config = Presets.of(arch, size, vocabSize(size), ids.endOfText(), List.of(ids.eos()));
            AtomicFiles.writeString(tmp.resolve("config.json"), config.toJson().toPrettyString() + "\n");
            AtomicFiles.writeString(tmp.resolve(TokenizerFiles.GENERATION_CONFIG_JSON), generationConfig(config, ids).toPrettyString() + "\n");
            try (PointerScope scope = new PointerScope();
                 DecoderWeights w = DecoderWeights.init(config, seed, Devices.cpu(), DType.F32)) {
                w.save(tmp, config.torchDtype(), DecoderWeights.DEFAULT_SHARD_BYTES);
            }
            if (Files.exists(out)) Files.delete(out); // an empty folder the user made for us
            Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
            tmp = null;
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + out + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) deleteTree(tmp);
        }
    }

    private static ObjectNode generationConfig(ModelConfig config, SpecialTokenIds ids) {
        ObjectNode g = JsonFiles.MAPPER.createObjectNode();
        g.put("bos_token_id", config.bosTokenId());
        g.putArray("eos_token_id").add(ids.eos()).add(ids.endOfText());
        g.put("pad_token_id", ids.pad());
        g.put("do_sample", true);
        g.put("temperature", 1.0);
        g.put("top_p", 1.0);
        return g;
    }

    private static boolean isEmptyDir(Path p) {
        if (!Files.isDirectory(p)) return false;
        try (Stream<Path> s = Files.list(p)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a leftover hidden temp folder is harmless
        }
    }
}
