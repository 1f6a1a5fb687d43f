package dev.heed.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.heed.config.BadInputException;
import dev.heed.config.JsonFiles;
import dev.heed.constraints.Constraint;
import dev.heed.constraints.ConstraintRegistry;
import dev.heed.constraints.eval.Followed;
import dev.heed.constraints.eval.LooseVariants;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** `heed check`: score one response against a few constraints, for scripts and quick looks. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Check one response against constraints and print each result, strict and loose.",
                "CONSTRAINTS is JSON (inline, or a file holding it): a list of {\"id\": ..., \"kwargs\": {...}} "
                        + "or one IFEval row with instruction_id_list and kwargs."})
final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--constraints", required = true, paramLabel = "JSON|FILE", description = "the constraints")
    String constraints;

    @Option(names = "--response", required = true, paramLabel = "FILE|-", description = "the response text; - reads stdin")
    String response;

    @Option(names = "--prompt", paramLabel = "TEXT", description = "the instruction's prompt, for constraints that need it")
    String prompt;

    @Option(names = "--nltk-data", paramLabel = "DIR", description = "NLTK data folder searched first")
    Path nltkData;

    @Option(names = "--json", description = "print one JSON object per constraint instead of a table")
    boolean json;

    @Override
    public Integer call() {
        ConstraintRegistry registry = ConstraintRegistry.standard(nltkData);
        List<Constraint> list = parse(registry, readConstraints());
        String text = readResponse();
        List<String> variants = LooseVariants.of(text);
        PrintWriter out = spec.commandLine().getOut();
        int strictCount = 0;
        int looseCount = 0;
        for (Constraint c : list) {
            boolean strict = Followed.strict(c, text);
            boolean loose = Followed.loose(c, variants);
            strictCount += strict ? 1 : 0;
            looseCount += loose ? 1 : 0;
            if (json) {
                ObjectNode row = JsonFiles.MAPPER.createObjectNode();
                row.put("id", c.id());
                row.set("kwargs", JsonFiles.MAPPER.valueToTree(c.kwargs()));
                row.put("strict", strict);
                row.put("loose", loose);
                out.println(row);
            } else {
                out.printf("%-6s %-6s %s %s%n", strict ? "pass" : "FAIL", loose ? "pass" : "FAIL", c.id(),
                        c.kwargs().isEmpty() ? "" : c.kwargs());
            }
        }
        if (!json) {
            out.printf("strict %d/%d, loose %d/%d followed%n", strictCount, list.size(), looseCount, list.size());
        }
        return Main.OK;
    }

    private JsonNode readConstraints() {
        String trimmed = constraints.strip();
        String source = "--constraints";
        String text = constraints;
        if (!trimmed.startsWith("[") && !trimmed.startsWith("{")) {
            Path file = Path.of(constraints);
            text = new String(JsonFiles.readBytes(file), StandardCharsets.UTF_8);
            source = file.toString();
        }
        try {
            return JsonFiles.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new BadInputException(source + ": invalid JSON: " + e.getOriginalMessage());
        }
    }

    private List<Constraint> parse(ConstraintRegistry registry, JsonNode root) {
        List<Constraint> out = new ArrayList<>();
        if (root.isArray()) {
            for (int i = 0; i < root.size(); i++) {
                JsonNode item = root.get(i);
                if (!item.isObject() || !item.path("id").isTextual()) {
                    throw new BadInputException("--constraints[" + i + "]: expected {\"id\": ..., \"kwargs\": {...}}");
                }
                out.add(registry.create(item.get("id").asText(), item.get("kwargs"), prompt));
            }
        } else if (root.isObject() && root.path("instruction_id_list").isArray()) {
            JsonNode ids = root.get("instruction_id_list");
            JsonNode kwargs = root.path("kwargs");
            for (int i = 0; i < ids.size(); i++) {
                String p = prompt != null ? prompt : root.path("prompt").asText(null);
                out.add(registry.create(ids.get(i).asText(), kwargs.isArray() ? kwargs.get(i) : null, p));
            }
        } else {
            throw new BadInputException("--constraints: expected a list of {\"id\", \"kwargs\"} objects or an object with "
                    + "instruction_id_list and kwargs");
        }
        return out;
    }

    private String readResponse() {
        try {
            if (response.equals("-")) {
                InputStream in = System.in;
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Path file = Path.of(response);
            if (!Files.isRegularFile(file)) {
                throw new BadInputException(file + ": file not found");
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the response: " + e.getMessage(), e);
        }
    }
}
