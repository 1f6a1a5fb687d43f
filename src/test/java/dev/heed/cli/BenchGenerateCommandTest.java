package dev.heed.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.heed.config.JsonFiles;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchGenerateCommandTest {
    @Test
    void reportsEveryCaseWithItsTokenCount() throws Exception {
        CliRunner r = CliRunner.run("bench", "generate", "--preset", "tiny", "--batches", "1,3", "--prompt-tokens", "5",
                "--output-tokens", "4", "--tail-requests", "6", "--tail-batch", "2", "--repeats", "2", "--temperature", "0", "--json");
        assertEquals(0, r.exitCode(), r.err());
        String[] lines = r.out().strip().split("\n");
        assertEquals(4, lines.length, r.out());
        JsonNode[] rows = new JsonNode[lines.length];
        for (int i = 0; i < lines.length; i++) rows[i] = JsonFiles.MAPPER.readTree(lines[i]);
        assertEquals(4, rows[0].get("tokens").asLong(), "batch 1: one request of 4 tokens");
        assertEquals(12, rows[1].get("tokens").asLong(), "batch 3: three requests of 4 tokens");
        assertEquals("long-tail static", rows[2].get("case").asText());
        assertEquals("long-tail continuous", rows[3].get("case").asText());
        assertEquals(rows[2].get("tokens"), rows[3].get("tokens"), "both policies generate the same samples");
        for (JsonNode row : rows) assertTrue(row.get("tokens_per_s").asDouble() > 0, row.toString());
    }

    @Test
    void zeroRepeatsIsBadInput() {
        CliRunner r = CliRunner.run("bench", "generate", "--repeats", "0");
        assertEquals(Main.BAD_INPUT, r.exitCode());
        assertTrue(r.err().contains("--repeats"), r.err());
        assertFalse(r.hasStackTrace());
    }
}
