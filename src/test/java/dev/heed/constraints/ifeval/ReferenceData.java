package dev.heed.constraints.ifeval;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

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

/**
 * IFEval's reference files under {@link SharedTestData#root()}, read as JSON lines; tests skip with a
 * message when they are absent.
 */
final class ReferenceData {
    static final ObjectMapper JSON = new ObjectMapper();

    private ReferenceData() {}

    static Path root() {
        return SharedTestData.root();
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
