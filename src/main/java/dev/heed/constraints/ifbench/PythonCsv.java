package dev.heed.constraints.ifbench;

import java.util.ArrayList;
import java.util.List;

/**
 * Python's {@code csv.reader(io.StringIO(text), delimiter=...)} with the default excel dialect
 * (quote {@code "}, doubled quotes, not strict): the same state machine, fed the same lines
 * ({@code StringIO} ends a line only at {@code \n}). A blank line is an empty row, as in Python.
 * Where Python raises (a {@code \r} followed by more text on the same line), {@link #read} returns
 * null.
 */
final class PythonCsv {
    private PythonCsv() {}

    private enum State { START_RECORD, START_FIELD, IN_FIELD, IN_QUOTED_FIELD, QUOTE_IN_QUOTED_FIELD, EAT_CRNL }

    private static final int EOL = -1;

    static List<List<String>> read(String text, char delimiter) {
        List<List<String>> rows = new ArrayList<>();
        Parser p = new Parser(delimiter);
        int pos = 0;
        while (pos < text.length()) {
            p.fields = new ArrayList<>();
            p.state = State.START_RECORD;
            do {
                if (pos >= text.length()) {
                    // End of input inside a record: Python keeps what it has.
                    if (p.field.length() == 0 && p.state != State.IN_QUOTED_FIELD) {
                        return rows;
                    }
                    p.saveField();
                    break;
                }
                int end = text.indexOf('\n', pos);
                end = end < 0 ? text.length() : end + 1;
                for (int i = pos; i < end; i++) {
                    if (!p.process(text.charAt(i))) {
                        return null;
                    }
                }
                if (!p.process(EOL)) {
                    return null;
                }
                pos = end;
            } while (p.state != State.START_RECORD);
            rows.add(p.fields);
        }
        return rows;
    }

    private static final class Parser {
        final char delimiter;
        State state;
        List<String> fields;
        final StringBuilder field = new StringBuilder();

        Parser(char delimiter) {
            this.delimiter = delimiter;
        }

        void saveField() {
            fields.add(field.toString());
            field.setLength(0);
        }

        boolean process(int c) {
            boolean newline = c == '\n' || c == '\r';
            switch (state) {
                case START_RECORD:
                    if (c == EOL) {
                        return true;
                    }
                    if (newline) {
                        state = State.EAT_CRNL;
                        return true;
                    }
                    state = State.START_FIELD;
                    return process(c);
                case START_FIELD:
                    if (newline || c == EOL) {
                        saveField();
                        state = c == EOL ? State.START_RECORD : State.EAT_CRNL;
                    } else if (c == '"') {
                        state = State.IN_QUOTED_FIELD;
                    } else if (c == delimiter) {
                        saveField();
                    } else {
                        field.append((char) c);
                        state = State.IN_FIELD;
                    }
                    return true;
                case IN_FIELD:
                    if (newline || c == EOL) {
                        saveField();
                        state = c == EOL ? State.START_RECORD : State.EAT_CRNL;
                    } else if (c == delimiter) {
                        saveField();
                        state = State.START_FIELD;
                    } else {
                        field.append((char) c);
                    }
                    return true;
                case IN_QUOTED_FIELD:
                    if (c == '"') {
                        state = State.QUOTE_IN_QUOTED_FIELD;
                    } else if (c != EOL) {
                        field.append((char) c);
                    }
                    return true;
                case QUOTE_IN_QUOTED_FIELD:
                    if (c == '"') {
                        field.append('"');
                        state = State.IN_QUOTED_FIELD;
                    } else if (c == delimiter) {
                        saveField();
                        state = State.START_FIELD;
                    } else if (newline || c == EOL) {
                        saveField();
                        state = c == EOL ? State.START_RECORD : State.EAT_CRNL;
                    } else {
                        field.append((char) c);
                        state = State.IN_FIELD;
                    }
                    return true;
                case EAT_CRNL:
                    if (c == EOL) {
                        state = State.START_RECORD;
                        return true;
                    }
                    // "new-line character seen in unquoted field"
                    return newline;
                default:
                    throw new IllegalStateException(state.toString());
            }
        }
    }
}
