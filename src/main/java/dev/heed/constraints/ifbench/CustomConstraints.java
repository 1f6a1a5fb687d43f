package dev.heed.constraints.ifbench;

import static dev.heed.constraints.ifbench.IfbenchConstraints.checker;
import static dev.heed.constraints.ifbench.IfbenchConstraints.sentences;

import dev.heed.constraints.ConstraintRegistry;
import dev.heed.constraints.text.PythonText;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/** {@code custom:*}: one-off tasks whose answer the checker knows (dates, capitals, CSV tables, ...). */
final class CustomConstraints {
    private CustomConstraints() {}

    private static final List<String> CAPITALS = List.of("Reykjavik", "Helsinki", "Oslo", "Tallinn", "Stockholm", "Riga",
            "Moscow", "Copenhagen", "Vilnius", "Minsk", "Dublin", "Berlin", "Amsterdam", "Warsaw", "London", "Brussels",
            "Prague", "Luxembourg", "Paris", "Vienna", "Bratislava", "Budapest", "Vaduz", "Chisinau", "Bern", "Ljubljana",
            "Zagreb");
    private static final List<String> CITY_HEADER = List.of("ID", "Country", "City", "Year", "Count");
    private static final Pattern PRODUCT_HEADER = Pattern.compile("(ProductID|\"ProductID\"),[ \\t]*(Category|\"Category\"),"
            + "[ \\t]*(Brand|\"Brand\"),[ \\t]*(Price|\"Price\"),[ \\t]*(Stock|\"Stock\")");
    private static final Pattern STUDENT_HEADER = Pattern.compile("(StudentID|\"StudentID\")\\t *(Subject|\"Subject\")"
            + "\\t *(Grade|\"Grade\")\\t *(Semester|\"Semester\")\\t *(Score|\"Score\")");
    private static final List<String> MULTIPLES_OF_7 = List.of("14", "21", "28", "35", "42", "49");

    static void register(ConstraintRegistry registry) {
        registry.register("custom:character_reverse", (kw, prompt) -> checker(kw,
                "Say which animal is the national symbol of the US, writing your sentence backwards letter by letter.",
                r -> PythonText.lower(r).contains("elgae dlab")));
        registry.register("custom:word_reverse", (kw, prompt) -> checker(kw,
                "Say which animal is the national symbol of the US, writing your sentence backwards word by word.", r -> {
                    List<String> words = PythonText.split(IfbenchText.removePunctuation(PythonText.strip(PythonText.lower(r))));
                    Collections.reverse(words);
                    String forward = String.join(" ", words);
                    return forward.contains("bald eagle") && sentences(forward).contains(forward);
                }));
        registry.register("custom:csv_city", (kw, prompt) -> checker(kw,
                "Write comma-separated CSV with the columns ID, Country, City, Year, Count and 7 data rows.", r -> {
                    List<List<String>> rows = PythonCsv.read(r, ',');
                    return rows != null && rows.size() == 8 && rows.get(0).equals(CITY_HEADER)
                            && rows.stream().allMatch(row -> row.size() == 5);
                }));
        registry.register("custom:csv_special_character", (kw, prompt) -> checker(kw,
                "Write comma-separated CSV with the columns ProductID, Category, Brand, Price, Stock and 14 data rows, "
                        + "one field of which holds a special character and is enclosed in double quotes.",
                CustomConstraints::productCsv));
        registry.register("custom:csv_quotes", (kw, prompt) -> checker(kw,
                "Write tab-separated CSV with the columns StudentID, Subject, Grade, Semester, Score and 3 data rows, "
                        + "every field enclosed in double quotes.", CustomConstraints::studentCsv));
        registry.register("custom:date_format_list", (kw, prompt) -> checker(kw,
                "List the start dates of all of Napoleon's battles as YYYY-MM-DD, separated by commas, without explanation.",
                CustomConstraints::napoleonDates));
        registry.register("custom:european_capitals_sort", (kw, prompt) -> checker(kw,
                "List the capitals of the European countries north of latitude 45, without country names, separated by "
                        + "commas, from north to south.", r -> {
                    List<String> capitals = new ArrayList<>();
                    for (String c : PythonText.split(IfbenchText.asciiFold(r), ",")) {
                        if (!PythonText.strip(c).isEmpty()) {
                            capitals.add(PythonText.strip(c));
                        }
                    }
                    return capitals.equals(CAPITALS);
                }));
        registry.register("custom:mcq_count_length", (kw, prompt) -> checker(kw,
                "Write 4 multiple-choice questions on 20th-century art history, 5 options each, each starting with the "
                        + "label \"Question\", each longer than the last, with no explanation.", CustomConstraints::quiz));
        registry.register("custom:multiples", (kw, prompt) -> checker(kw,
                "Count from 10 to 50, printing only the multiples of 7.", r -> PythonText.digitRuns(r).equals(MULTIPLES_OF_7)));
        registry.register("custom:reverse_newline", (kw, prompt) -> checker(kw,
                "List the countries of Africa in reverse alphabetical order, one per line.",
                CustomConstraints::africaReversed));
        registry.register("custom:sentence_alphabet", (kw, prompt) -> {
            return checker(kw, "Tell a 26-sentence story whose sentences start with the letters A to Z in order.", r -> {
                List<String> sentences = sentences(r);
                if (sentences.size() != 26) {
                    return false;
                }
                for (int i = 0; i < 26; i++) {
                    List<String> words = PythonText.split(sentences.get(i));
                    if (words.isEmpty() || IfbenchText.first(PythonText.lower(words.get(0))) != 'a' + i) {
                        return false;
                    }
                }
                return true;
            });
        });
    }

    /** The header line, then 14 rows of 5 fields, one of them quoted around a special character. */
    private static boolean productCsv(String r) {
        if (!PRODUCT_HEADER.matcher(PythonText.strip(PythonText.split(r, "\n").get(0))).matches()) {
            return false;
        }
        // Tripling the quotes keeps them in the parsed fields, so a quoted field can be recognised.
        List<List<String>> rows = PythonCsv.read(r.replace("\"", "\"\"\""), ',');
        if (rows == null || rows.size() != 15) {
            return false;
        }
        for (List<String> row : rows.subList(1, rows.size())) {
            if (row.size() != 5) {
                return false;
            }
            if (row.stream().anyMatch(CustomConstraints::quotedSpecial)) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code re.match(r'".*[^\d\w\s].*"', field)}: a quote first, then within the first line a character
     * that is neither a word character nor whitespace, and a quote after it.
     */
    private static boolean quotedSpecial(String field) {
        if (!field.startsWith("\"")) {
            return false;
        }
        int lineEnd = field.indexOf('\n');
        lineEnd = lineEnd < 0 ? field.length() : lineEnd;
        int firstSpecial = -1;
        for (int i = 1; i < lineEnd && firstSpecial < 0; ) {
            int c = field.codePointAt(i);
            if (!PythonText.isWord(c) && !PythonText.isSpace(c)) {
                firstSpecial = i;
            }
            i += Character.charCount(c);
        }
        return firstSpecial >= 0 && field.lastIndexOf('"', lineEnd - 1) > firstSpecial;
    }

    /** The header line, then 3 rows: every field of all 4 rows enclosed in quotes. */
    private static boolean studentCsv(String r) {
        if (!STUDENT_HEADER.matcher(PythonText.strip(PythonText.split(r, "\n").get(0))).matches()) {
            return false;
        }
        List<List<String>> rows = PythonCsv.read(r.replace("\"", "\"\"\""), '\t');
        if (rows == null || rows.size() != 4) {
            return false;
        }
        for (List<String> row : rows) {
            if (row.size() != 5) {
                return false;
            }
            for (String field : row) {
                String f = PythonText.strip(field);
                // The reference raises on an empty field; it is not enclosed in quotes.
                if (f.isEmpty() || f.charAt(0) != '"' || f.charAt(f.length() - 1) != '"') {
                    return false;
                }
            }
        }
        return true;
    }

    /** Comma-separated YYYY-MM-DD dates from 1769 to 1821 with a plausible month and day. */
    private static boolean napoleonDates(String r) {
        for (String piece : PythonText.split(PythonText.strip(r), ",")) {
            int[] cps = PythonText.strip(piece).codePoints().toArray();
            if (cps.length != 10 || cps[4] != '-' || cps[7] != '-') {
                return false;
            }
            int[] value = new int[3];
            int[][] spans = {{0, 4}, {5, 7}, {8, 10}};
            for (int f = 0; f < 3; f++) {
                for (int i = spans[f][0]; i < spans[f][1]; i++) {
                    if (!PythonText.isDecimal(cps[i])) {
                        return false;
                    }
                    value[f] = value[f] * 10 + Character.digit(cps[i], 10);
                }
            }
            int year = value[0];
            int month = value[1];
            int day = value[2];
            if (year < 1769 || year > 1821 || month > 12) {
                return false;
            }
            int maxDay = month == 2 ? 29 : (month == 4 || month == 6 || month == 9 || month == 11) ? 30 : 31;
            // Month 0 and day 0 pass, as in the reference.
            if (month != 0 && day > maxDay) {
                return false;
            }
        }
        return true;
    }

    /** From the line holding "Zimbabwe" on, at least 52 non-empty lines in non-increasing order (accents folded). */
    private static boolean africaReversed(String r) {
        List<String> lines = new ArrayList<>();
        for (String line : PythonText.split(r, "\n")) {
            String s = PythonText.strip(line, IfbenchText.PUNCTUATION_SPACE);
            if (!s.isEmpty()) {
                lines.add(s);
            }
        }
        int start = 0;
        while (start < lines.size() && !lines.get(start).contains("Zimbabwe")) {
            start++;
        }
        if (lines.size() - start < 52) {
            return false;
        }
        String previous = null;
        for (String line : lines.subList(start, lines.size())) {
            String folded = IfbenchText.asciiFold(line);
            if (previous != null && previous.compareTo(folded) < 0) {
                return false;
            }
            previous = folded;
        }
        return true;
    }

    /** The response starts with "Question"; 4 questions of 5 lettered options each, question texts growing. */
    private static boolean quiz(String r) {
        if (!r.startsWith("Question")) {
            return false;
        }
        List<String> questions = new ArrayList<>();
        List<String> pieces = splitQuestions(r);
        for (String piece : pieces.get(0).isEmpty() ? pieces.subList(1, pieces.size()) : pieces) {
            if (!PythonText.strip(piece).isEmpty()) {
                questions.add(PythonText.strip(piece));
            }
        }
        if (questions.size() != 4) {
            return false;
        }
        int previous = -1;
        for (String q : questions) {
            StringBuilder text = new StringBuilder();
            int options = 0;
            for (String line : PythonText.split(q, "\n")) {
                String s = PythonText.strip(line);
                if (isOption(s)) {
                    options++;
                } else if (options == 0) {
                    text.append(' ').append(s);
                }
            }
            int length = PythonText.length(PythonText.strip(text.toString()));
            if (options != 5 || length <= previous) {
                return false;
            }
            previous = length;
        }
        return true;
    }

    /** {@code re.match(r'^[A-Ea-e][\.|\)]\s*\w+', line)}. */
    private static boolean isOption(String line) {
        if (line.length() < 3) {
            return false;
        }
        char letter = line.charAt(0);
        boolean lettered = (letter >= 'A' && letter <= 'E') || (letter >= 'a' && letter <= 'e');
        if (!lettered || ".|)".indexOf(line.charAt(1)) < 0) {
            return false;
        }
        int i = 2;
        while (i < line.length() && PythonText.isSpace(line.charAt(i))) {
            i++;
        }
        return i < line.length() && PythonText.isWord(line.codePointAt(i));
    }

    /** {@code re.split(r'\n*(?:Question \d+[\.|\):;]?\s*)', text)}. */
    static List<String> splitQuestions(String text) {
        List<String> pieces = new ArrayList<>();
        int pieceStart = 0;
        int from = 0;
        while (true) {
            int q = text.indexOf("Question ", from);
            if (q < 0) {
                break;
            }
            int end = q + "Question ".length();
            int digitsEnd = end;
            while (digitsEnd < text.length() && PythonText.isDecimal(text.codePointAt(digitsEnd))) {
                digitsEnd += Character.charCount(text.codePointAt(digitsEnd));
            }
            if (digitsEnd == end) {
                from = q + 1;
                continue;
            }
            end = digitsEnd;
            if (end < text.length() && ".|):;".indexOf(text.charAt(end)) >= 0) {
                end++;
            }
            while (end < text.length() && PythonText.isSpace(text.charAt(end))) {
                end++;
            }
            // The match begins at the newlines right before "Question", but not inside the previous match.
            int start = q;
            while (start > pieceStart && text.charAt(start - 1) == '\n') {
                start--;
            }
            pieces.add(text.substring(pieceStart, start));
            pieceStart = end;
            from = end;
        }
        pieces.add(text.substring(pieceStart));
        return pieces;
    }
}
