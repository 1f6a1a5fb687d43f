package dev.heed.constraints.text;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The reference data of {@code ../shared/data} (see its SOURCES.md). A fresh clone lacks it, so tests
 * that read it skip with a message. {@code -Dheed.shared.data=DIR} points elsewhere (a git worktree
 * whose parent holds no {@code shared} folder).
 */
public final class SharedTestData {
    private SharedTestData() {}

    public static Path root() {
        Path root = Path.of(System.getProperty("heed.shared.data", "../shared/data"));
        assumeTrue(Files.isDirectory(root),
                "reference data absent at " + root.toAbsolutePath() + " (set -Dheed.shared.data=DIR); skipping");
        return root;
    }

    public static Path nltkData() {
        return root().resolve("nltk_data");
    }

    public static NltkEnglish nltk() {
        return NltkEnglish.load(nltkData());
    }
}
