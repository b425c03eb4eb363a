package dev.lockwatch.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lockwatch.testing.ChildProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcLocksTest {
    private static final String SAMPLE = String.join("\n",
            "1: POSIX  ADVISORY  WRITE 6002 fe:00:2146368 120 120",
            "2: FLOCK  ADVISORY  WRITE 6001 fe:00:2146368 0 EOF",
            "3: OFDLCK ADVISORY  READ  -1 00:2e:98765 0 0",
            "4: LEASE  ACTIVE    READ 77 103:05:42 0 EOF",
            "4: -> POSIX  ADVISORY  WRITE 78 103:05:42 0 EOF",
            "5: POSIX  ADVISORY  WRITE 900 08:01:555 1073741824 1073742335",
            "6: LEASE  BREAKING  UNLCK 80 08:01:556 0 EOF",
            "");

    @TempDir
    Path dir;

    @Test
    void parsesEveryFieldOfEachClass() {
        List<ProcLock> locks = ProcLocks.parse(SAMPLE).locks();
        assertThat(locks).hasSize(6);
        assertThat(locks.get(0)).isEqualTo(new ProcLock(1, false, "POSIX", ProcLock.Mode.WRITE, 6002, 0xfe, 0, 2146368, 120, 120L));
        assertThat(locks.get(1).end()).isNull();
        assertThat(locks.get(1).lockClass()).isEqualTo("FLOCK");
        assertThat(locks.get(2)).isEqualTo(new ProcLock(3, false, "OFDLCK", ProcLock.Mode.READ, -1, 0, 0x2e, 98765, 0, 0L));
        assertThat(locks.get(3).lockClass()).isEqualTo("LEASE");
        assertThat(locks.get(4).blocked()).isTrue();
        assertThat(locks.get(4).pid()).isEqualTo(78);
        assertThat(locks.get(4).major()).isEqualTo(0x103);
        assertThat(locks.get(5).start()).isEqualTo(ProcLocks.PENDING_BYTE);
    }

    @Test
    void queriesAnswerFromTheParsedLocks() {
        ProcLocks locks = ProcLocks.parse(SAMPLE);
        FileIdentity file = new FileIdentity(ProcLocks.device(0xfe, 0), 2146368);
        assertThat(locks.holders(file)).containsExactly(6001L, 6002L);
        assertThat(locks.writeLockHolder(null, file)).as("WAL write lock on byte 120 of -shm").isEqualTo(6002L);
        FileIdentity waited = new FileIdentity(ProcLocks.device(0x103, 5), 42);
        assertThat(locks.holders(waited)).as("a waiter holds nothing").containsExactly(77L);
        assertThat(locks.holders(new FileIdentity(ProcLocks.device(0, 0x2e), 98765))).as("OFD has no pid").isEmpty();
        FileIdentity coordinator = new FileIdentity(ProcLocks.device(8, 1), 555);
        assertThat(locks.coordinatorHolder(coordinator)).isEqualTo(900L);
        assertThat(locks.writeLockHolder(coordinator, null)).isEqualTo(900L);
        assertThat(locks.coordinatorHolder(file)).isNull();
        assertThat(locks.holders(null)).isEmpty();
    }

    @Test
    void deviceNumbersAreJavasUnixDev() {
        assertThat(ProcLocks.device(0xfe, 0)).isEqualTo(65024L);
        assertThat(ProcLocks.device(8, 1)).isEqualTo(0x801L);
        assertThat(ProcLocks.device(0, 0x12345)).isEqualTo(0x45L | (0x12300L << 12));
        assertThat(ProcLocks.device(0x1234, 0)).isEqualTo((0x1000L << 32) | (0x234L << 8));
    }

    @Test
    void malformedLinesAreSkippedAndNothingThrows() {
        List<String> junk = List.of("", "garbage", "1:", "1: POSIX ADVISORY WRITE", "1: POSIX  ADVISORY  WRITE x fe:00:1 0 EOF",
                "1: POSIX  ADVISORY  WRITE 5 fe:00 0 EOF", "1: POSIX  ADVISORY  WRITE 5 <none> 0 EOF",
                "1: POSIX  ADVISORY  WRITE 5 fe:00:1 9 3", "1: POSIX  ADVISORY  WRITE 5 fe:00:99999999999999999999 0 EOF",
                "1: POSIX  ADVISORY  WRITE 5 fe:00:1 0 EOF extra", "1: POSIX  ADVISORY  WRITE 5 fe:00:1 0 99999999999999999999",
                "99999999999999999999: POSIX  ADVISORY  WRITE 5 fe:00:1 0 EOF", "\0\0\0", "1: posix  advisory  write 5 fe:00:1 0 EOF");
        for (String line : junk) {
            assertThat(ProcLocks.parse(line + "\n1: FLOCK  ADVISORY  WRITE 5 fe:00:1 0 EOF\n").locks())
                    .as(line).hasSize(1);
        }
        Random random = new Random(42);
        String valid = "12: POSIX  ADVISORY  WRITE 6002 fe:00:2146368 1073741824 EOF";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder mutated = new StringBuilder(valid);
            for (int k = random.nextInt(4); k >= 0; k--) {
                int at = random.nextInt(mutated.length());
                switch (random.nextInt(3)) {
                    case 0 -> mutated.deleteCharAt(at);
                    case 1 -> mutated.insert(at, (char) random.nextInt(128));
                    default -> mutated.setCharAt(at, (char) random.nextInt(128));
                }
            }
            for (ProcLock lock : ProcLocks.parse(mutated.toString()).locks()) {
                assertThat(lock.end() == null || lock.end() >= lock.start()).isTrue();
                assertThat(lock.pid()).isGreaterThanOrEqualTo(-1);
            }
        }
        assertThat(ProcLocks.parse(null).locks()).isEmpty();
    }

    @Test
    void hugeInputIsBounded() {
        String line = "1: FLOCK  ADVISORY  WRITE 5 fe:00:1 0 EOF\n";
        String text = line.repeat(ProcLocks.MAX_CHARS / line.length() + 1000);
        assertThat(ProcLocks.parse(text).locks()).hasSize(ProcLocks.MAX_CHARS / line.length());
        assertThat(ProcLocks.parse("x".repeat(ProcLocks.MAX_CHARS * 2)).locks()).isEmpty();
    }

    /** A python child that takes POSIX locks ("start:len:x|s", len 0 = to EOF) on {@code file}, then waits. */
    private static ChildProcess posixLocks(Path file, String... ranges) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "needs python3");
        String script = String.join("\n",
                "import fcntl, os, sys",
                "fd = os.open(sys.argv[1], os.O_RDWR)",
                "for r in sys.argv[2:]:",
                "    start, length, mode = r.split(':')",
                "    fcntl.lockf(fd, fcntl.LOCK_EX if mode == 'x' else fcntl.LOCK_SH, int(length), int(start), 0)",
                "print('ready', flush=True)",
                "sys.stdin.readline()");
        List<String> command = new java.util.ArrayList<>(List.of("/usr/bin/python3", "-c", script, file.toString()));
        command.addAll(List.of(ranges));
        return ChildProcess.start(command);
    }

    @Test
    void findsRealPosixAndFlockHoldersInProcLocks() throws Exception {
        assumeTrue(ProcLocks.read() != null, "needs /proc/locks");
        Path db = Files.write(dir.resolve("openclaw.sqlite"), new byte[0]);
        Path shm = Files.write(dir.resolve("openclaw.sqlite-shm"), new byte[0]);
        Path lockSqlite = Files.write(dir.resolve("gateway.state.lock.sqlite"), new byte[0]);
        Path flocked = Files.write(dir.resolve("plain"), new byte[0]);
        try (ChildProcess writer = posixLocks(shm, "120:1:x");
             ChildProcess reader = posixLocks(db, "1073741826:510:s");
             ChildProcess gateway = posixLocks(lockSqlite, "1073741824:512:x");
             ChildProcess flock = ChildProcess.start(List.of("flock", flocked.toString(), "sh", "-c", "echo ready; exec cat"))) {
            ProcLocks locks = ProcLocks.read();
            FileIdentity dbId = FileIdentity.of(db);
            FileIdentity shmId = FileIdentity.of(shm);
            assertThat(locks.holders(shmId)).containsExactly(writer.pid());
            assertThat(locks.writeLockHolder(dbId, shmId)).isEqualTo(writer.pid());
            assertThat(locks.holders(dbId)).containsExactly(reader.pid());
            assertThat(locks.writeLockHolder(dbId, null)).as("a reader's shared lock is no write lock").isNull();
            assertThat(locks.coordinatorHolder(FileIdentity.of(lockSqlite))).isEqualTo(gateway.pid());
            assertThat(locks.on(FileIdentity.of(flocked))).singleElement()
                    .satisfies(l -> assertThat(l.lockClass()).isEqualTo("FLOCK"));
            assertThat(locks.holders(FileIdentity.of(flocked))).isNotEmpty();
        }
        ProcLocks after = ProcLocks.read();
        assertThat(after.holders(FileIdentity.of(shm))).isEmpty();
        assertThat(after.coordinatorHolder(FileIdentity.of(lockSqlite))).isNull();
    }

    @Test
    void aSharedLockOnTheWalWriteByteIsNoWriter() throws Exception {
        assumeTrue(ProcLocks.read() != null, "needs /proc/locks");
        Path shm = Files.write(dir.resolve("x.sqlite-shm"), new byte[0]);
        try (ChildProcess reader = posixLocks(shm, "120:1:s", "123:1:s")) {
            ProcLocks locks = ProcLocks.read();
            assertThat(locks.holders(FileIdentity.of(shm))).isEqualTo(Set.of(reader.pid()));
            assertThat(locks.writeLockHolder(null, FileIdentity.of(shm))).isNull();
        }
    }
}
