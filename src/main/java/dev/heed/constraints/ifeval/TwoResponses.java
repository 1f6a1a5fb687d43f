package dev.heed.constraints.ifeval;

import dev.heed.constraints.Kwargs;
import dev.heed.constraints.text.PythonText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code combination:two_responses}: two different answers separated by six asterisks, {@code ******}. */
final class TwoResponses extends IfevalConstraint {
    static final String ID = "combination:two_responses";

    private TwoResponses(Map<String, Object> kwargs) {
        super(ID, kwargs);
    }

    static TwoResponses create(Kwargs kw) {
        return new TwoResponses(kw.done());
    }

    @Override
    public boolean check(String response) {
        List<String> pieces = PythonText.split(response, "******");
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < pieces.size(); i++) {
            if (PythonText.strip(pieces.get(i)).isEmpty()) {
                if (i != 0 && i != pieces.size() - 1) {
                    return false;
                }
            } else {
                answers.add(pieces.get(i));
            }
        }
        return answers.size() == 2 && !PythonText.strip(answers.get(0)).equals(PythonText.strip(answers.get(1)));
    }

    @Override
    public String describe() {
        return "Write two different responses, separated only by a line of six asterisks: ******.";
    }
}
