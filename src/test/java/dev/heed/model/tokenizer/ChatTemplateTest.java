package dev.heed.model.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heed.config.BadInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatTemplateTest {
    private static final List<ChatMessage> CONVERSATION = List.of(
            new ChatMessage("system", "You are terse."),
            new ChatMessage("user", "Name a prime."));

    /** The same Jinja shape as Qwen2.5's template (written for this test): default system turn, loop flags, raise. */
    private static final String QWEN_SHAPED = """
            {#- A system turn always comes first: the caller's, or a default one. -#}
            {%- if messages[0]['role'] == 'system' %}
                {{- '<|im_start|>system\\n' + messages[0]['content'].strip() + '<|im_end|>\\n' }}
            {%- else %}
                {{- '<|im_start|>system\\nYou are a patient tutor.<|im_end|>\\n' }}
            {%- endif %}
            {%- for message in messages %}
                {%- if message.role not in ['system', 'user', 'assistant'] %}
                    {{- raise_exception('Unsupported role: ' + message.role) }}
                {%- elif (message.role == "user") or (message.role == "system" and not loop.first) or (message.role == "assistant") %}
                    {{- '<|im_start|>' + message.role + '\\n' + message.content + '<|im_end|>' + '\\n' }}
                {%- endif %}
                {%- if loop.last and message.content.startswith('Q:') %}
                    {{- '<|im_start|>hint\\n' + message.content.split(':')[1].lstrip() + ' after ' + messages[loop.index0 - 1].role + '<|im_end|>\\n' }}
                {%- endif %}
            {%- endfor %}
            {%- if add_generation_prompt %}
                {{- '<|im_start|>assistant\\n' }}
            {%- endif %}
            """;

    private static ChatTemplate chatml() {
        return new ChatTemplate(TokenizerFiles.CHATML_TEMPLATE, "test ChatML", null, "<|im_end|>");
    }

    @Test
    void chatmlRendersConversationWithGenerationPrompt() {
        assertEquals("<|im_start|>system\nYou are terse.<|im_end|>\n"
                        + "<|im_start|>user\nName a prime.<|im_end|>\n"
                        + "<|im_start|>assistant\n",
                chatml().render(CONVERSATION, true));
    }

    @Test
    void chatmlRendersConversationWithoutGenerationPrompt() {
        assertEquals("<|im_start|>system\nYou are terse.<|im_end|>\n"
                        + "<|im_start|>user\nName a prime.<|im_end|>\n",
                chatml().render(CONVERSATION, false));
    }

    @Test
    void chatmlAddsNoDefaultSystemPrompt() {
        assertEquals("<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n",
                chatml().render(List.of(new ChatMessage("user", "Hi")), true));
    }

    @Test
    void messageTextIsNeverInterpretedAsTemplate() {
        String content = "{{ 7 * 6 }} {% if x %} {# note #}";
        assertEquals("<|im_start|>user\n" + content + "<|im_end|>\n",
                chatml().render(List.of(new ChatMessage("user", content)), false));
    }

    @Test
    void qwenShapedTemplateRenders() {
        ChatTemplate template = new ChatTemplate(QWEN_SHAPED, "test Qwen-shaped", null, "<|im_end|>");
        List<ChatMessage> messages = List.of(
                new ChatMessage("system", "  Be kind.  "),
                new ChatMessage("user", "Hello"),
                new ChatMessage("assistant", "Hi there."),
                new ChatMessage("user", "Q: why is the sky blue?"));
        assertEquals("<|im_start|>system\nBe kind.<|im_end|>\n"
                        + "<|im_start|>user\nHello<|im_end|>\n"
                        + "<|im_start|>assistant\nHi there.<|im_end|>\n"
                        + "<|im_start|>user\nQ: why is the sky blue?<|im_end|>\n"
                        + "<|im_start|>hint\nwhy is the sky blue? after assistant<|im_end|>\n"
                        + "<|im_start|>assistant\n",
                template.render(messages, true));
        assertEquals("<|im_start|>system\nYou are a patient tutor.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n",
                template.render(List.of(new ChatMessage("user", "Hi")), false));
    }

    @Test
    void raiseExceptionFailsTheRenderWithTheTemplatesMessage() {
        ChatTemplate template = new ChatTemplate(QWEN_SHAPED, "model/tokenizer_config.json chat_template", null, null);
        BadInputException e = assertThrows(BadInputException.class,
                () -> template.render(List.of(new ChatMessage("tool", "42")), false));
        assertTrue(e.getMessage().contains("Unsupported role: tool"), e.getMessage());
        assertTrue(e.getMessage().contains("model/tokenizer_config.json chat_template"), e.getMessage());
    }

    @Test
    void brokenTemplateNamesWhereItCameFrom() {
        ChatTemplate template = new ChatTemplate("{% if %}oops{% endif %}", "model/chat_template.jinja", null, null);
        BadInputException e = assertThrows(BadInputException.class, () -> template.render(CONVERSATION, false));
        assertTrue(e.getMessage().contains("model/chat_template.jinja"), e.getMessage());
    }

    @Test
    void specialTokenVariablesAndPythonStringMethods() {
        ChatTemplate template = new ChatTemplate(
                "{{ bos_token }}|{{ eos_token }}|{{ 'a,b,'.split(',') | length }}|{{ 'xxhixx'.rstrip('x') }}|"
                        + "{{ '  pad '.split() | join('+') }}|{{ 'abc'.endswith('bc') }}\n",
                "test", "<s>", "</s>");
        assertEquals("<s>|</s>|3|xxhi|pad|true", template.render(CONVERSATION, false));
    }
}
