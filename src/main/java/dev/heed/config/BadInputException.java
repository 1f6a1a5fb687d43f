package dev.heed.config;

/**
 * A user error: bad input file, bad option, bad config. The CLI prints only the message (no stack
 * trace) and exits with code 2. The message must say what was wrong and where (file:line, field,
 * tensor name, expected vs actual).
 */
public class BadInputException extends RuntimeException {
    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
