package dev.lockwatch.testing;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.testfx.util.WaitForAsyncUtils;

/** Waits for a condition on the real window, with a message saying what never happened. */
public final class FxWait {
    private FxWait() {
    }

    public static void until(String what, BooleanSupplier condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(40, TimeUnit.SECONDS, condition::getAsBoolean);
        } catch (TimeoutException e) {
            throw new AssertionError("timed out waiting for " + what);
        }
    }
}
