package dev.heed.model.tokenizer;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.interpret.InterpretException;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import dev.heed.config.BadInputException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jinjava.javax.el.CompositeELResolver;

/**
 * A Hugging Face chat template (Jinja) rendered with Jinjava, configured to behave as transformers' Jinja
 * environment: trim_blocks, lstrip_blocks, one trailing newline of the template dropped, Jinja2 semantics
 * where Jinjava's defaults differ, message text never re-interpreted as template, Python string methods,
 * and {@code raise_exception(msg)}, which fails the render with a {@link BadInputException}.
 * Variables: {@code messages} (role/content maps), {@code add_generation_prompt}, {@code bos_token},
 * {@code eos_token}. Not available: tools, and Python slices such as {@code messages[::-1]}, which
 * Jinjava's parser rejects.
 */
public final class ChatTemplate {
    /**
     * Jinja2 behaviour where Jinjava's defaults differ: {@code {{- x -}}} trims, Python operator precedence,
     * map literal keys are expressions, iterating a map yields its keys, Python-style printing of values.
     * Not LegacyOverrides.ALL: its whitespace-required-within-tokens rule stops {@code {%-} from parsing.
     */
    private static final LegacyOverrides JINJA2_SEMANTICS = LegacyOverrides.newBuilder()
            .withUseTrimmingForNotesAndExpressions(true)
            .withParseWhitespaceControlStrictly(true)
            .withUseNaturalOperatorPrecedence(true)
            .withEvaluateMapKeys(true)
            .withIterateOverMapKeys(true)
            .withKeepNullableLoopValues(true)
            .withUsePyishObjectMapper(true)
            .build();
    private static final Jinjava JINJAVA = newJinjava();

    private final String source;
    private final String origin;
    private final String bosToken;
    private final String eosToken;

    /**
     * @param origin where the template came from, for error messages (file and field)
     * @param bosToken the tokenizer's bos_token, or null when it has none
     * @param eosToken the tokenizer's eos_token, or null when it has none
     */
    public ChatTemplate(String source, String origin, String bosToken, String eosToken) {
        this.source = source.endsWith("\n") ? source.substring(0, source.length() - 1) : source;
        this.origin = origin;
        this.bosToken = bosToken;
        this.eosToken = eosToken;
    }

    public String render(List<ChatMessage> messages, boolean addGenerationPrompt) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("messages", messages.stream().map(ChatTemplate::asMap).toList());
        variables.put("add_generation_prompt", addGenerationPrompt);
        if (bosToken != null) variables.put("bos_token", bosToken);
        if (eosToken != null) variables.put("eos_token", eosToken);
        RenderResult result;
        try {
            result = JINJAVA.renderForResult(source, variables);
        } catch (InterpretException e) {
            throw new BadInputException("chat template in " + origin + ": " + e.getMessage(), e);
        }
        for (TemplateError error : result.getErrors()) {
            if (error.getSeverity() != TemplateError.ErrorType.FATAL) continue;
            BadInputException raised = raisedByTemplate(error.getException());
            if (raised != null) {
                throw new BadInputException("chat template in " + origin + " rejected the messages: " + raised.getMessage());
            }
            throw new BadInputException("chat template in " + origin + ", template line " + error.getLineno() + ": "
                    + error.getMessage());
        }
        return result.getOutput();
    }

    public String source() {
        return source;
    }

    private static Map<String, Object> asMap(ChatMessage message) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("role", message.role());
        map.put("content", message.content());
        return map;
    }

    private static BadInputException raisedByTemplate(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof BadInputException raised) return raised;
        }
        return null;
    }

    private static Jinjava newJinjava() {
        CompositeELResolver resolver = new CompositeELResolver();
        resolver.add(new PythonStringMethods());
        resolver.add(JinjavaConfig.newBuilder().build().getElResolver());
        JinjavaConfig config = JinjavaConfig.newBuilder()
                .withTrimBlocks(true)
                .withLstripBlocks(true)
                // message content such as "{{ x }}" is text, not template
                .withNestedInterpretationEnabled(false)
                .withLegacyOverrides(JINJA2_SEMANTICS)
                .withElResolver(resolver)
                .build();
        Jinjava jinjava = new Jinjava(config);
        jinjava.getGlobalContext().registerFunction(new ELFunctionDefinition(
                "", "raise_exception", TemplateFunctions.class, "raiseException", String.class));
        return jinjava;
    }
}
