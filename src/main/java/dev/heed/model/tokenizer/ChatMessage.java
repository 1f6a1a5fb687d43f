package dev.heed.model.tokenizer;

import java.util.Objects;

/** One turn of a conversation as chat templates see it: {@code role} is system, user, assistant or tool. */
public record ChatMessage(String role, String content) {
    public ChatMessage {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
    }
}
