package dev.heed.constraints.text;

import dev.heed.config.BadInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A trained Punkt model: abbreviation types, collocations, frequent sentence starters and the
 * orthographic context of each word type. Read from one language folder of NLTK's {@code punkt_tab}
 * package (for example {@code tokenizers/punkt_tab/english}).
 */
public final class PunktParameters {
    /** Orthographic context flags: where (sentence start, middle, unknown) a type was seen with which case. */
    static final int BEG_UC = 1 << 1;
    static final int MID_UC = 1 << 2;
    static final int UNK_UC = 1 << 3;
    static final int BEG_LC = 1 << 4;
    static final int MID_LC = 1 << 5;
    static final int UNK_LC = 1 << 6;
    static final int UC = BEG_UC | MID_UC | UNK_UC;
    static final int LC = BEG_LC | MID_LC | UNK_LC;

    private final Set<String> abbrevTypes;
    private final Set<String> collocations;
    private final Set<String> sentStarters;
    private final Map<String, Integer> orthoContext;

    private PunktParameters(Set<String> abbrevTypes, Set<String> collocations, Set<String> sentStarters,
            Map<String, Integer> orthoContext) {
        this.abbrevTypes = abbrevTypes;
        this.collocations = collocations;
        this.sentStarters = sentStarters;
        this.orthoContext = orthoContext;
    }

    /** Reads the four parameter files of one language folder. */
    public static PunktParameters load(Path languageDir) {
        Set<String> abbrevs = new HashSet<>(records(languageDir.resolve("abbrev_types.txt")));
        Set<String> starters = new HashSet<>(records(languageDir.resolve("sent_starters.txt")));
        Set<String> collocations = new HashSet<>();
        Path collocationFile = languageDir.resolve("collocations.tab");
        for (String[] fields : tabRecords(collocationFile)) {
            collocations.add(pairKey(fields[0], fields[1]));
        }
        Map<String, Integer> ortho = new HashMap<>();
        Path orthoFile = languageDir.resolve("ortho_context.tab");
        List<String[]> orthoRecords = tabRecords(orthoFile);
        for (int i = 0; i < orthoRecords.size(); i++) {
            String[] fields = orthoRecords.get(i);
            try {
                ortho.put(fields[0], Integer.parseInt(fields[1]));
            } catch (NumberFormatException e) {
                throw new BadInputException(orthoFile + ":" + (i + 1) + ": expected an integer flag set, got '"
                        + fields[1] + "'");
            }
        }
        return new PunktParameters(Set.copyOf(abbrevs), Set.copyOf(collocations), Set.copyOf(starters),
                Map.copyOf(ortho));
    }

    boolean isAbbreviation(String type) {
        return abbrevTypes.contains(type);
    }

    boolean isCollocation(String first, String second) {
        return collocations.contains(pairKey(first, second));
    }

    boolean isSentenceStarter(String type) {
        return sentStarters.contains(type);
    }

    /** The flag set of a type; types never seen in training read as 0. */
    int orthoContext(String type) {
        return orthoContext.getOrDefault(type, 0);
    }

    // A tab cannot occur inside a type (types never contain whitespace), so it joins a pair unambiguously.
    private static String pairKey(String first, String second) {
        return first + '\t' + second;
    }

    /**
     * One record per line, untrimmed: an abbreviation may end in a space. The shipped files have no
     * final newline; one written by hand may, and its empty last record is not a type.
     */
    private static List<String> records(Path file) {
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadInputException("cannot read Punkt parameter file " + file + ": " + e.getMessage(), e);
        }
        List<String> lines = new ArrayList<>(List.of(content.split("\n", -1)));
        if (lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    private static List<String[]> tabRecords(Path file) {
        List<String> lines = records(file);
        List<String[]> out = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String[] fields = lines.get(i).split("\t", -1);
            if (fields.length != 2) {
                throw new BadInputException(file + ":" + (i + 1) + ": expected two TAB-separated fields, got "
                        + fields.length);
            }
            out.add(fields);
        }
        return out;
    }
}
