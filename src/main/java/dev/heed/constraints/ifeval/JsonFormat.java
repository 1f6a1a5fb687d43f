package dev.heed.constraints.ifeval;

import dev.heed.constraints.Kwargs;
import dev.heed.constraints.text.PythonJson;
import dev.heed.constraints.text.PythonText;
import java.util.Map;

/** {@code detectable_format:json_format}: the response, less an optional markdown code fence, is JSON that Python's {@code json.loads} accepts. */
final class JsonFormat extends IfevalConstraint {
    static final String ID = "detectable_format:json_format";

    private JsonFormat(Map<String, Object> kwargs) {
        super(ID, kwargs);
    }

    static JsonFormat create(Kwargs kw) {
        return new JsonFormat(kw.done());
    }

    @Override
    public boolean check(String response) {
        String s = PythonText.strip(response);
        for (String fence : new String[] {"```json", "```Json", "```JSON", "```"}) {
            s = PythonText.removePrefix(s, fence);
        }
        s = PythonText.strip(PythonText.removeSuffix(s, "```"));
        return PythonJson.isValid(s);
    }

    @Override
    public String describe() {
        return "Format your entire response as valid JSON; wrapping it in a markdown code block is fine.";
    }
}
