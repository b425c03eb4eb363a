package dev.lockwatch.arch;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.lockwatch.process.Signaller;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The kill(2) guard sits in the one class that calls jnr-posix, in front of the one path to it, proved on the
 * bytecode of the shipped classes (ArchUnit's importer, tests excluded):
 * <ol>
 *   <li>{@code POSIX.kill} is called from one method only: {@code Signaller.nativeKill};</li>
 *   <li>{@code nativeKill} is only ever used as the {@code Kill} handed over by {@code Signaller}'s public constructor;</li>
 *   <li>{@code Kill.call} is invoked from one method only, {@code Signaller.send}, and there only after {@code refusal}
 *       (earlier line, and {@code send} returns when it refuses: the behaviour {@code SignallerTest} checks with a
 *       recording {@code Kill} for pid 0, negatives, beyond the range, 1 and its own pid);</li>
 *   <li>no production class builds a {@code Signaller} through the test constructor that takes another {@code Kill}.</li>
 * </ol>
 * Why bytecode rather than a seam alone: the seam proves the guard works for the {@code Kill} it is given; these rules
 * prove that the real kill(2) cannot be reached by any other road, now or after a refactoring.
 */
class SignalGuardTest {
    private static JavaClasses classes;
    private static JavaClass signaller;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.lockwatch");
        signaller = classes.get(Signaller.class);
    }

    @Test
    void posixKillIsCalledOnlyFromSignallerNativeKill() {
        List<String> callers = classes.stream()
                .flatMap(c -> c.getMethodCallsFromSelf().stream())
                .filter(call -> call.getTargetOwner().getName().startsWith("jnr.") && call.getName().equals("kill"))
                .map(call -> call.getOrigin().getFullName())
                .distinct().toList();
        assertThat(callers).containsExactly(Signaller.class.getName() + ".nativeKill(int, int)");
    }

    @Test
    void nativeKillIsOnlyTheKillOfThePublicConstructor() {
        List<String> uses = classes.stream()
                .flatMap(c -> java.util.stream.Stream.concat(c.getMethodCallsFromSelf().stream(), c.getMethodReferencesFromSelf().stream()))
                .filter(a -> a.getTargetOwner().isEquivalentTo(Signaller.class) && a.getName().equals("nativeKill"))
                .map(a -> a.getOrigin().getFullName())
                .distinct().toList();
        assertThat(uses).containsExactly(Signaller.class.getName() + ".<init>()");
    }

    @Test
    void killCallHappensOnlyInSendAndOnlyAfterTheRefusalCheck() {
        List<JavaMethodCall> killCalls = classes.stream()
                .flatMap(c -> c.getMethodCallsFromSelf().stream())
                .filter(call -> call.getTargetOwner().getName().equals(Signaller.class.getName() + "$Kill") && call.getName().equals("call"))
                .toList();
        assertThat(killCalls.stream().map(c -> c.getOrigin().getFullName()).distinct())
                .containsExactly(Signaller.class.getName() + ".send(long, " + dev.lockwatch.process.RestartSignal.class.getName() + ")");
        int killLine = killCalls.stream().mapToInt(JavaAccess::getLineNumber).min().orElseThrow();
        List<Integer> refusalLines = signaller.getMethodCallsFromSelf().stream()
                .filter(call -> call.getOrigin().getName().equals("send") && call.getName().equals("refusal"))
                .map(JavaAccess::getLineNumber).collect(Collectors.toList());
        assertThat(refusalLines).as("send asks the guard").isNotEmpty();
        assertThat(refusalLines.stream().mapToInt(Integer::intValue).min().orElseThrow()).as("before it calls kill").isLessThan(killLine);
    }

    @Test
    void noProductionClassBuildsASignallerAroundAnotherKill() {
        List<String> builders = classes.stream()
                .flatMap(c -> c.getConstructorCallsFromSelf().stream())
                .filter(call -> call.getTargetOwner().isEquivalentTo(Signaller.class) && !call.getTarget().getRawParameterTypes().isEmpty())
                .map(call -> call.getOrigin().getFullName())
                .distinct().toList();
        assertThat(builders).containsExactly(Signaller.class.getName() + ".<init>()");
    }
}
