package dev.heed.cli;

import dev.heed.config.BadInputException;
import dev.heed.model.Decoder;
import dev.heed.model.SafetensorsWriter;
import dev.heed.model.tokenizer.ChatMessage;
import dev.heed.model.tokenizer.Tokenizer;
import dev.heed.tensor.DType;
import dev.heed.tensor.Devices;
import dev.heed.tensor.Tensors;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "logits", mixinStandardHelpOptions = true,
        description = "Tokenize a text, run the full fp32 forward, write input_ids [T] and logits [T, V] as safetensors.")
final class ModelLogitsCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "model folder")
    Path dir;

    @Option(names = "--text", required = true, description = "input text")
    String text;

    @Option(names = "--chat", description = "render the text as one user message through the chat template (with the generation prompt)")
    boolean chat;

    @Option(names = "--out", required = true, description = "output .safetensors file")
    Path out;

    @Option(names = "--device", defaultValue = "cpu", description = "cpu, cuda or cuda:N; default: ${DEFAULT-VALUE}")
    String device;

    @Override
    public Integer call() {
        Device dev = Devices.parse(device);
        long[] ids;
        try (Tokenizer tok = Tokenizer.load(dir)) {
            ids = chat ? tok.encodeChat(List.of(new ChatMessage("user", text)), true) : tok.encode(text);
        }
        if (ids.length == 0) throw new BadInputException("--text encodes to no tokens");
        long vocab;
        try (PointerScope scope = new PointerScope(); Decoder model = Decoder.load(dir, dev, DType.F32);
             NoGradGuard noGrad = new NoGradGuard()) {
            Tensor input = Tensors.longs(new long[][] {ids}, dev);
            Tensor logits = model.forward(input, null).squeeze(0);
            vocab = logits.size(1);
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            tensors.put("input_ids", input.squeeze(0).to(Devices.cpu(), DType.I64.scalarType).contiguous());
            tensors.put("logits", logits.to(Devices.cpu(), DType.F32.scalarType).contiguous());
            SafetensorsWriter.write(out, tensors, Map.of("format", "pt"));
        }
        spec.commandLine().getOut().printf("wrote %s: input_ids [%d], logits [%d, %d]%n", out, ids.length, ids.length, vocab);
        return Main.OK;
    }
}
