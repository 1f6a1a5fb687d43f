package dev.heed.constraints.text;

import dev.heed.config.BadInputException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds NLTK data the way Python's {@code nltk.data} does, so a machine already set up for IFEval in
 * Python works unchanged. Heed does not ship the Punkt models (their licence is unclear); it reads a
 * user's copy.
 */
public final class NltkData {
    /** The English Punkt model as the {@code punkt_tab} package lays it out. */
    public static final String PUNKT_ENGLISH = "tokenizers/punkt_tab/english";

    private NltkData() {}

    /** Loads the English Punkt parameters; {@code override} (may be null) is searched first. */
    public static PunktParameters punktEnglish(Path override) {
        return PunktParameters.load(find(PUNKT_ENGLISH, override));
    }

    /** The first folder on the search path holding {@code resource}, or an error naming every path tried. */
    public static Path find(String resource, Path override) {
        List<Path> roots = searchPath(override, System.getenv(), System.getProperty("user.home"),
                System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows"));
        List<Path> tried = new ArrayList<>();
        for (Path root : roots) {
            Path candidate = root.resolve(resource);
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            tried.add(candidate);
        }
        StringBuilder message = new StringBuilder("NLTK data '").append(resource).append("' not found. Searched:");
        for (Path p : tried) {
            message.append("\n  - ").append(p);
        }
        // The package to download is the second path segment: tokenizers/punkt_tab/english -> punkt_tab.
        String[] parts = resource.split("/");
        String pkg = parts.length > 1 ? parts[1] : resource;
        message.append("\nInstall it with `python -m nltk.downloader ").append(pkg)
                .append("`, set NLTK_DATA, or pass --nltk-data DIR.");
        throw new BadInputException(message.toString());
    }

    /**
     * NLTK's search order: the override, each entry of {@code $NLTK_DATA}, {@code ~/nltk_data}, then the
     * system folders. Python's own prefix is unknown to the JVM; an active virtualenv or conda
     * environment stands in for it.
     */
    static List<Path> searchPath(Path override, Map<String, String> env, String userHome, boolean windows) {
        List<Path> roots = new ArrayList<>();
        if (override != null) {
            roots.add(override);
        }
        String fromEnv = env.getOrDefault("NLTK_DATA", "");
        for (String entry : fromEnv.split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                roots.add(Path.of(entry));
            }
        }
        if (userHome != null && !userHome.isEmpty()) {
            roots.add(Path.of(userHome, "nltk_data"));
        }
        for (String var : List.of("VIRTUAL_ENV", "CONDA_PREFIX")) {
            String prefix = env.get(var);
            if (prefix == null || prefix.isEmpty()) {
                continue;
            }
            roots.add(Path.of(prefix, "nltk_data"));
            roots.add(Path.of(prefix, "share", "nltk_data"));
            roots.add(Path.of(prefix, "lib", "nltk_data"));
        }
        if (windows) {
            String appData = env.get("APPDATA");
            if (appData != null && !appData.isEmpty()) {
                roots.add(Path.of(appData, "nltk_data"));
            }
            for (String drive : List.of("C:\\", "D:\\", "E:\\")) {
                roots.add(Path.of(drive, "nltk_data"));
            }
        } else {
            for (String dir : List.of("/usr/share/nltk_data", "/usr/local/share/nltk_data", "/usr/lib/nltk_data",
                    "/usr/local/lib/nltk_data")) {
                roots.add(Path.of(dir));
            }
        }
        return roots;
    }
}
