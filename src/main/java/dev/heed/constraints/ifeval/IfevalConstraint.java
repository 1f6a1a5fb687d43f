package dev.heed.constraints.ifeval;

import dev.heed.constraints.Constraint;
import dev.heed.constraints.ConstraintKind;
import java.util.Map;

/** What every IFEval checker shares: its id, its validated arguments, and being hard (checked by a program). */
abstract class IfevalConstraint implements Constraint {
    private final String id;
    private final Map<String, Object> kwargs;

    IfevalConstraint(String id, Map<String, Object> kwargs) {
        this.id = id;
        this.kwargs = kwargs;
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final ConstraintKind kind() {
        return ConstraintKind.HARD;
    }

    @Override
    public final Map<String, Object> kwargs() {
        return kwargs;
    }

    @Override
    public String toString() {
        return id + kwargs;
    }
}
