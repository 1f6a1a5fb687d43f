package dev.heed.model.tokenizer;

import dev.heed.config.BadInputException;

/** Functions transformers adds to a chat template's Jinja environment; Jinjava binds them by reflection. */
final class TemplateFunctions {
    private TemplateFunctions() {}

    /** A template rejects its input (roles out of order, unsupported role) by calling raise_exception(message). */
    public static Object raiseException(String message) {
        throw new BadInputException(message);
    }
}
