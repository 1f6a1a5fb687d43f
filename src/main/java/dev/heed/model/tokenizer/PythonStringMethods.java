package dev.heed.model.tokenizer;

import java.beans.FeatureDescriptor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELResolver;

/**
 * The Python str methods Hugging Face chat templates call ({@code content.startswith('<think>')},
 * {@code .split('</think>')}, {@code .rstrip('\n')}); Jinjava would otherwise look them up on
 * java.lang.String and fail, or (for split) treat the separator as a regex.
 */
final class PythonStringMethods extends ELResolver {
    @Override
    public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
        if (!(base instanceof String s) || !(method instanceof String name)) return null;
        Object[] args = params == null ? new Object[0] : params;
        Object result = call(s, name, args);
        if (result != null) context.setPropertyResolved(true);
        return result;
    }

    private static Object call(String s, String name, Object[] args) {
        String arg = args.length == 1 && args[0] instanceof String a ? a : null;
        boolean noArgs = args.length == 0;
        return switch (name) {
            case "startswith" -> arg == null ? null : s.startsWith(arg);
            case "endswith" -> arg == null ? null : s.endsWith(arg);
            case "strip" -> noArgs ? s.strip() : arg == null ? null : stripRight(stripLeft(s, arg), arg);
            case "lstrip" -> noArgs ? s.stripLeading() : arg == null ? null : stripLeft(s, arg);
            case "rstrip" -> noArgs ? s.stripTrailing() : arg == null ? null : stripRight(s, arg);
            case "split" -> noArgs ? splitOnWhitespace(s) : arg == null || arg.isEmpty() ? null : splitOn(s, arg);
            case "upper" -> noArgs ? s.toUpperCase(Locale.ROOT) : null;
            case "lower" -> noArgs ? s.toLowerCase(Locale.ROOT) : null;
            default -> null;
        };
    }

    private static String stripLeft(String s, String chars) {
        int i = 0;
        while (i < s.length() && chars.indexOf(s.charAt(i)) >= 0) i++;
        return s.substring(i);
    }

    private static String stripRight(String s, String chars) {
        int i = s.length();
        while (i > 0 && chars.indexOf(s.charAt(i - 1)) >= 0) i--;
        return s.substring(0, i);
    }

    /** Python's str.split(): runs of whitespace separate, and there are no empty parts. */
    private static List<String> splitOnWhitespace(String s) {
        String stripped = s.strip();
        return stripped.isEmpty() ? new ArrayList<>() : new ArrayList<>(Arrays.asList(stripped.split("\\s+")));
    }

    /** Python's str.split(sep): a literal separator, and empty parts are kept. */
    private static List<String> splitOn(String s, String separator) {
        return new ArrayList<>(Arrays.asList(s.split(Pattern.quote(separator), -1)));
    }

    // Property access is left to Jinjava's own resolver.

    @Override
    public Object getValue(ELContext context, Object base, Object property) {
        return null;
    }

    @Override
    public Class<?> getType(ELContext context, Object base, Object property) {
        return null;
    }

    @Override
    public void setValue(ELContext context, Object base, Object property, Object value) {}

    @Override
    public boolean isReadOnly(ELContext context, Object base, Object property) {
        return true;
    }

    @Override
    public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
        return null;
    }

    @Override
    public Class<?> getCommonPropertyType(ELContext context, Object base) {
        return null;
    }
}
