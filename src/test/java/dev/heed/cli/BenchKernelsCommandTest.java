package dev.heed.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class BenchKernelsCommandTest {
    private static final List<String> KEYS = List.of("op", "device", "dtype", "tokens", "vocab", "max_rel_err", "heed_ms",
            "eager_ms", "heed_extra_mb", "eager_extra_mb");

    @Test
    void jsonHasOneObjectPerOpWithTheDocumentedFields() throws Exception {
        CliRunner r = CliRunner.run("bench", "kernels", "--tokens", "16", "--vocab", "1001", "--hidden", "8",
                "--iters", "1", "--warmup", "0", "--json");
        assertEquals(0, r.exitCode(), r.err());
        String[] lines = r.out().strip().split("\n");
        assertEquals(6, lines.length, r.out());
        ObjectMapper json = new ObjectMapper();
        for (String line : lines) {
            JsonNode row = json.readTree(line);
            for (String key : KEYS) assertTrue(row.has(key), key + " missing in " + line);
            assertEquals(16, row.get("tokens").asLong());
            assertEquals("cpu", row.get("device").asText());
            assertTrue(row.get("max_rel_err").asDouble() < 1e-5, line);
            assertTrue(row.get("heed_ms").asDouble() > 0 && row.get("eager_ms").asDouble() > 0, line);
        }
    }

    @Test
    void badDtypeIsBadInput() {
        CliRunner r = CliRunner.run("bench", "kernels", "--dtype", "fp16");
        assertEquals(Main.BAD_INPUT, r.exitCode());
        assertTrue(r.err().contains("--dtype"), r.err());
        assertFalse(r.hasStackTrace());
    }
}
