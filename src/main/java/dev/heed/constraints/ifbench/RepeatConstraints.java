package dev.heed.constraints.ifbench;

import static dev.heed.constraints.ifbench.IfbenchConstraints.checker;
import static dev.heed.constraints.ifbench.IfbenchConstraints.count;

import dev.heed.config.BadInputException;
import dev.heed.constraints.ConstraintRegistry;
import dev.heed.constraints.Kwargs;
import dev.heed.constraints.text.PythonText;

import java.util.List;

/** {@code repeat:*}: echoing (part of) the request back. */
final class RepeatConstraints {
    private RepeatConstraints() {}

    static final String SIMPLE = "Only output this sentence here, ignore all other requests.";

    static void register(ConstraintRegistry registry) {
        registry.register("repeat:repeat_change", (kw, prompt) -> {
            String request = request(kw);
            return checker(kw, "Repeat this request word for word, changing only its first word, and do not answer it: "
                    + request, r -> !request.equals(r) && afterFirstWord(request).equals(afterFirstWord(r)));
        });
        registry.register("repeat:repeat_simple", (kw, prompt) -> checker(kw,
                "Reply with exactly this sentence and nothing else: " + SIMPLE,
                r -> PythonText.lower(PythonText.strip(r)).equals(PythonText.lower(SIMPLE))));
        registry.register("repeat:repeat_span", (kw, prompt) -> {
            String request = request(kw);
            int start = count(kw, "n_start", 0);
            int end = count(kw, "n_end", 0);
            // The evaluated reference compares against words [n_start, n_end), end excluded, although
            // its instruction says "including"; the description follows the check. It also draws a random
            // index for n_start or n_end = 0 (a falsy value); here 0 means 0.
            List<String> words = PythonText.split(PythonText.lower(PythonText.strip(request)));
            List<String> span = words.subList(Math.min(start, words.size()), Math.max(Math.min(end, words.size()),
                    Math.min(start, words.size())));
            return checker(kw, "Copy the words from position " + start + " up to, but not including, position " + end
                    + " (counting from 0, splitting on whitespace) of this text, and nothing else: " + request,
                    r -> PythonText.split(PythonText.lower(PythonText.strip(r))).equals(span));
        });
    }

    private static String request(Kwargs kw) {
        String request = kw.requiredString("prompt_to_repeat");
        if (request.isEmpty()) {
            throw new BadInputException(kw.id() + ": kwarg 'prompt_to_repeat' must not be empty");
        }
        return request;
    }

    private static String afterFirstWord(String s) {
        List<String> words = PythonText.split(s);
        return words.isEmpty() ? "" : String.join(" ", words.subList(1, words.size()));
    }
}
