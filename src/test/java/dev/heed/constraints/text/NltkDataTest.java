package dev.heed.constraints.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heed.config.BadInputException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NltkDataTest {
    @TempDir
    Path tmp;

    @Test
    void searchesInNltksOrder() {
        Map<String, String> env = Map.of("NLTK_DATA", "/a" + File.pathSeparator + File.pathSeparator + "/b",
                "VIRTUAL_ENV", "/venv");
        List<Path> path = NltkData.searchPath(Path.of("/override"), env, "/home/u", false);
        assertEquals(List.of(Path.of("/override"), Path.of("/a"), Path.of("/b"), Path.of("/home/u/nltk_data"),
                Path.of("/venv/nltk_data"), Path.of("/venv/share/nltk_data"), Path.of("/venv/lib/nltk_data"),
                Path.of("/usr/share/nltk_data"), Path.of("/usr/local/share/nltk_data"), Path.of("/usr/lib/nltk_data"),
                Path.of("/usr/local/lib/nltk_data")), path);
    }

    @Test
    void missingDataNamesEveryPathTried() {
        Path override = tmp.resolve("nowhere");
        BadInputException e = assertThrows(BadInputException.class, () -> NltkData.punktEnglish(override));
        assertTrue(e.getMessage().contains(override.resolve(NltkData.PUNKT_ENGLISH).toString()), e.getMessage());
        assertTrue(e.getMessage().contains(Path.of("/usr/share/nltk_data", NltkData.PUNKT_ENGLISH).toString()));
        assertTrue(e.getMessage().contains("punkt_tab"));
    }

    @Test
    void readsParameterFilesFromTheOverride() throws IOException {
        Path dir = writeModel("dr\n. . ", "##number##\tinternational", "however", "who\t2\nleft\t32");
        PunktParameters params = PunktParameters.load(dir);
        assertTrue(params.isAbbreviation(". . "), "records are not trimmed");
        assertTrue(params.isCollocation("##number##", "international"));
        assertTrue(params.isSentenceStarter("however"));
        assertEquals(32, params.orthoContext("left"));
        assertEquals(0, params.orthoContext("never-seen"));

        NltkEnglish nltk = NltkEnglish.load(tmp);
        assertEquals(List.of("Dr. Who is here.", "He left."), nltk.sentTokenize("Dr. Who is here. He left."));
    }

    @Test
    void badOrthoLineIsReportedWithItsPlace() throws IOException {
        Path dir = writeModel("dr", "a\tb", "however", "who\t2\nleft\tmany");
        BadInputException e = assertThrows(BadInputException.class, () -> PunktParameters.load(dir));
        assertTrue(e.getMessage().contains("ortho_context.tab:2"), e.getMessage());
    }

    @Test
    void realModelKeepsTheAbbreviationEndingInASpace() {
        PunktParameters params = NltkData.punktEnglish(SharedTestData.nltkData());
        assertTrue(params.isAbbreviation(". . "));
        assertTrue(params.isAbbreviation("u.s"));
    }

    private Path writeModel(String abbrevs, String collocations, String starters, String ortho) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(NltkData.PUNKT_ENGLISH));
        Files.writeString(dir.resolve("abbrev_types.txt"), abbrevs);
        Files.writeString(dir.resolve("collocations.tab"), collocations);
        Files.writeString(dir.resolve("sent_starters.txt"), starters);
        Files.writeString(dir.resolve("ortho_context.tab"), ortho);
        return dir;
    }
}
