package dev.heed.constraints.eval;

import dev.heed.config.AtomicFiles;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes results as the reference's {@code eval_results_*.jsonl}: one {@code json.dumps} line per prompt
 * with the keys in alphabetical order, {@code ", "} and {@code ": "} separators and non-ASCII escaped,
 * so the files compare byte for byte with the reference's.
 */
public final class ReferenceLayout {
    private ReferenceLayout() {}

    public static void write(Path file, List<EvalResult> results) {
        StringBuilder out = new StringBuilder();
        for (EvalResult r : results) {
            out.append(line(r)).append('\n');
        }
        AtomicFiles.writeString(file, out.toString());
    }

    static String line(EvalResult r) {
        StringBuilder b = new StringBuilder("{\"follow_all_instructions\": ").append(r.followedAll());
        b.append(", \"follow_instruction_list\": [");
        for (int i = 0; i < r.followed().size(); i++) {
            b.append(i == 0 ? "" : ", ").append(r.followed().get(i));
        }
        b.append("], \"instruction_id_list\": [");
        for (int i = 0; i < r.instructionIds().size(); i++) {
            b.append(i == 0 ? "" : ", ");
            string(b, r.instructionIds().get(i));
        }
        b.append("], \"prompt\": ");
        string(b, r.prompt());
        b.append(", \"response\": ");
        string(b, r.response());
        return b.append('}').toString();
    }

    /** Python's {@code json.dumps(s)} with {@code ensure_ascii=True}. */
    static void string(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }
}
