package dev.heed.cli;

import dev.heed.model.Checkpoint;
import dev.heed.model.ModelConfig;
import dev.heed.model.TensorInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Architecture, parameter count, dtype, shape and files of a Hugging Face model folder.")
final class ModelInfoCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "model folder")
    Path dir;

    @Override
    public Integer call() {
        ModelConfig config = ModelConfig.load(dir);
        PrintWriter out = spec.commandLine().getOut();
        Map<String, Object> rows = config.summary();
        try (Checkpoint ckpt = Checkpoint.open(dir)) {
            long stored = 0;
            Map<String, Long> byDtype = new TreeMap<>();
            for (String name : ckpt.names()) {
                TensorInfo t = ckpt.info(name);
                long n = 1;
                for (long d : t.shape()) n *= d;
                stored += n;
                byDtype.merge(t.dtype().torchName, n, Long::sum);
            }
            rows.put("parameters", String.format("%,d (in checkpoint: %,d)", (Long) rows.get("parameters"), stored));
            rows.put("dtype", config.torchDtype().torchName + " (checkpoint: " + String.join(", ", byDtype.keySet()) + ")");
        }
        rows.forEach((k, v) -> out.printf("%-20s %s%n", k, v));
        out.println("files");
        try (Stream<Path> files = Files.list(dir)) {
            files.sorted().filter(Files::isRegularFile).forEach(f -> out.printf("  %-40s %,d bytes%n", f.getFileName(), size(f)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Main.OK;
    }

    private static long size(Path f) {
        try {
            return Files.size(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
