package dev.heed.tensor;

import dev.heed.config.BadInputException;
import org.bytedeco.pytorch.Device;

/** Parses device names as users write them: `cpu`, `cuda`, `cuda:N`. */
public final class Devices {
    private Devices() {}

    public static Device parse(String name) {
        if (!name.equals("cpu") && !name.matches("cuda(:\\d{1,3})?"))
            throw new BadInputException("unknown device '" + name + "' (expected cpu, cuda or cuda:N)");
        return new Device(name);
    }

    public static Device cpu() {
        return new Device("cpu");
    }
}
