package dev.heed.constraints.ifbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Expected rows are what Python 3.11's {@code list(csv.reader(io.StringIO(text), delimiter=d))} returns. */
class PythonCsvTest {
    @Test
    void readsLikePython() {
        assertEquals(List.of(List.of("a", "b"), List.of("c", "d")), PythonCsv.read("a,b\nc,d", ','));
        assertEquals(List.of(List.of("a", "b"), List.of(), List.of("c", "d")), PythonCsv.read("a,b\n\nc,d\n", ','));
        assertEquals(List.of(List.of("x, y", "z"), List.of("q\"r", "s")), PythonCsv.read("\"x, y\",z\n\"q\"\"r\",s", ','));
        assertEquals(List.of(List.of("multi\nline", "2"), List.of("3", "4")), PythonCsv.read("\"multi\nline\",2\n3,4", ','));
        assertEquals(List.of(List.of("a", "bc", "d")), PythonCsv.read("a,\"b\"c,d", ','));
        assertEquals(List.of(List.of("a", "b", "c")), PythonCsv.read("a\tb\t\"c\"\n", '\t'));
        assertEquals(List.of(List.of("a", "b"), List.of("c", "d")), PythonCsv.read("a,b\r\nc,d\r\n", ','));
        assertEquals(List.of(List.of("unterminated,x\ny")), PythonCsv.read("\"unterminated,x\ny", ','));
        assertEquals(List.of(), PythonCsv.read("", ','));
        assertEquals(List.of(List.of(), List.of()), PythonCsv.read("\n\n", ','));
        assertEquals(List.of(List.of("", "", "")), PythonCsv.read(",,\n", ','));
    }

    @Test
    void carriageReturnInsideALineIsPythonsError() {
        assertNull(PythonCsv.read("a,b\rc,d", ','));
    }
}
