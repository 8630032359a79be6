package io.tongxin.shared;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Daemon threads for background work (inbox processing, outbox sending), named {@code prefix-N}, at a
 * lower OS scheduling priority than the threads that accept webhooks ({@link BackgroundConfig#nice()}).
 * On Linux a thread's nice value is its own (not the process's), so each thread lowers its own at its
 * start with {@code renice} on its thread id ({@code /proc/thread-self}); Java's thread priorities do
 * nothing there without JVM flags. Lowering needs no privilege; a failure leaves the normal priority.
 */
public final class BackgroundThreads implements ThreadFactory {

    private static final Logger LOG = Logger.getLogger(BackgroundThreads.class);

    /** Whether a failure to lower the priority was logged already (once per JVM). */
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private final String prefix;
    private final int nice;
    private final AtomicInteger count = new AtomicInteger();

    /** @param nice the nice value of every thread (0 to 19; 0 or less: the normal priority) */
    public BackgroundThreads(String prefix, int nice) {
        this.prefix = prefix;
        this.nice = Math.min(19, Math.max(0, nice));
    }

    @Override
    public Thread newThread(Runnable work) {
        Thread t = new Thread(
                () -> {
                    if (nice > 0) {
                        lowerThisThread(nice);
                    }
                    work.run();
                },
                prefix + "-" + count.incrementAndGet());
        t.setDaemon(true);
        return t;
    }

    /** Sets the calling thread's nice value; false (logged once) where it cannot. */
    static boolean lowerThisThread(int nice) {
        String why;
        try {
            long tid = threadId();
            ProcessBuilder renice = new ProcessBuilder("renice", "-n", Integer.toString(nice), "-p", Long.toString(tid))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            renice.environment().keySet().retainAll(Set.of("PATH")); // the service's secrets stay with it
            Process p = renice.start();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                why = "renice did not finish in 5 s";
            } else if (p.exitValue() != 0) {
                why = "renice exited with " + p.exitValue();
            } else {
                return true;
            }
        } catch (IOException | RuntimeException e) { // no /proc (not Linux), no renice, an odd thread id
            why = e.getClass().getSimpleName() + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            why = "interrupted";
        }
        if (WARNED.compareAndSet(false, true)) {
            LOG.infof(
                    "background threads keep the normal priority (tongxin.background.nice=%d not applied: %s)",
                    nice, LogText.escape(why));
        }
        return false;
    }

    /** The calling thread's Linux thread id: {@code /proc/thread-self} links to {@code <pid>/task/<tid>}. */
    static long threadId() throws IOException {
        Path link = Files.readSymbolicLink(Path.of("/proc/thread-self"));
        return Long.parseLong(link.getFileName().toString());
    }

    /** The calling thread's nice value as Linux reports it. */
    public static int niceOfThisThread() throws IOException {
        return niceOf(Path.of("/proc/thread-self/stat"));
    }

    /** The nice value in a thread's {@code stat} file ({@code /proc/<pid>/task/<tid>/stat}): its 19th field. */
    public static int niceOf(Path statFile) throws IOException {
        String stat = Files.readString(statFile);
        // the command name (field 2) is in parentheses and may hold spaces: count from after it
        String[] rest = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(rest[16]);
    }
}
