package dev.heed.constraints.ifeval;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.heed.constraints.ConstraintRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference data of {@code ../shared/data} (see its SOURCES.md). A fresh clone lacks it, so tests
 * that read it skip with a message. {@code -Dheed.shared.data=DIR} points elsewhere.
 */
final class ReferenceData {
    static final ObjectMapper JSON = new ObjectMapper();

    private ReferenceData() {}

    static Path root() {
        Path root = Path.of(System.getProperty("heed.shared.data", "../shared/data"));
        assumeTrue(Files.isDirectory(root),
                "reference data absent at " + root.toAbsolutePath() + " (set -Dheed.shared.data=DIR); skipping");
        return root;
    }

    static Path file(String relative) {
        Path file = root().resolve(relative);
        assumeTrue(Files.isRegularFile(file), "reference file absent: " + file.toAbsolutePath() + "; skipping");
        return file;
    }

    static List<JsonNode> jsonl(String relative) {
        List<JsonNode> rows = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file(relative))) {
                if (!line.isBlank()) {
                    rows.add(JSON.readTree(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    /** The 25 IFEval ids plus the four unlisted reference classes, NLTK data from the shared folder. */
    static ConstraintRegistry registryWithUnlisted() {
        ConstraintRegistry registry = new ConstraintRegistry();
        IfevalConstraints.registerAll(registry, root().resolve("nltk_data"));
        IfevalConstraints.registerUnlisted(registry);
        return registry;
    }
}
