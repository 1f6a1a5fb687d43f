package dev.heed.constraints.ifbench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.heed.constraints.ConstraintRegistry;
import dev.heed.constraints.text.SharedTestData;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** IFBench's reference files under {@code ../shared/data/ifbench} (tests skip when they are absent). */
final class IfbenchData {
    private IfbenchData() {}

    static final ObjectMapper JSON = new ObjectMapper();

    static Path dir() {
        return SharedTestData.root().resolve("ifbench");
    }

    /** A registry holding the IFBench ids, reading NLTK data from the shared test copy first. */
    static ConstraintRegistry registry() {
        ConstraintRegistry registry = new ConstraintRegistry();
        IfbenchConstraints.registerAll(registry, SharedTestData.nltkData());
        return registry;
    }

    static List<JsonNode> jsonl(String name) {
        try {
            List<JsonNode> rows = new ArrayList<>();
            for (String line : Files.readAllLines(dir().resolve(name))) {
                if (!line.isBlank()) {
                    rows.add(JSON.readTree(line));
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
