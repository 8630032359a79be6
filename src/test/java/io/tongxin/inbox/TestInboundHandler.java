package io.tongxin.inbox;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test-only handler driven by markers in the message text: {@code #fail-always},
 * {@code #fail-until-healed} (fails until the test adds the id to {@link #HEALED}), {@code #reply}
 * (answers at once), {@code #doom} (marks the transaction rollback-only and answers), {@code #long} (answers at once, too long for a passive reply), {@code #slow}
 * (answers only once the test calls {@link #releaseSlow(String)} for its channel, so the reply budget
 * has surely run out, however fast or loaded the machine), {@code #not-for-the-bot} (not
 * wanted at all, like group chatter that does not address the bot), {@code #alone} (asks to be
 * processed alone, {@link ProcessAlone}, on its first call, as a routing that would have to wait for a
 * member lock against the batch's lock order does; handled normally after). It counts calls per inbox id so
 * tests can prove that duplicates are not processed twice.
 */
@ApplicationScoped
public class TestInboundHandler implements InboundHandler {

    public static final ConcurrentHashMap<Long, AtomicInteger> CALLS = new ConcurrentHashMap<>();
    public static final Set<Long> HEALED = ConcurrentHashMap.newKeySet();

    /** Channels whose {@code #slow} messages may answer now. */
    private static final Set<String> RELEASED = ConcurrentHashMap.newKeySet();

    private static final Object SLOW_GATE = new Object();

    /** Lets the {@code #slow} messages of a channel answer (those waiting and those still to come). */
    public static void releaseSlow(String channelKey) {
        synchronized (SLOW_GATE) {
            RELEASED.add(channelKey);
            SLOW_GATE.notifyAll();
        }
    }

    public static int calls(long inboxId) {
        AtomicInteger n = CALLS.get(inboxId);
        return n == null ? 0 : n.get();
    }

    @jakarta.inject.Inject
    jakarta.transaction.TransactionSynchronizationRegistry transactions;

    @Override
    public boolean wants(InboundMessage m) {
        return m.text() == null || !m.text().contains("#not-for-the-bot");
    }

    @Override
    public Optional<String> handle(InboundMessage m) throws Exception {
        int call = CALLS.computeIfAbsent(m.inboxId(), id -> new AtomicInteger()).incrementAndGet();
        String text = m.text() == null ? "" : m.text();
        if (text.contains("#alone") && call == 1) {
            throw new ProcessAlone("simulated: would wait for a member lock below one this batch holds");
        }
        if (text.contains("#fail-always")) {
            throw new IllegalStateException("simulated failure on attempt " + m.attempt());
        }
        if (text.contains("#fail-until-healed") && !HEALED.contains(m.inboxId())) {
            throw new IllegalStateException("simulated failure until healed");
        }
        if (text.contains("#nice")) {
            // the processing thread's own Linux nice value, read from the kernel (BackgroundPriorityTest)
            return Optional.of("nice=" + io.tongxin.shared.BackgroundThreads.niceOfThisThread());
        }
        if (text.contains("#slow")) {
            awaitRelease(m.channelKey());
            return Optional.of("slow reply");
        }
        if (text.contains("#doom")) {
            transactions.setRollbackOnly(); // like a handler that caught an error which doomed the transaction
            return Optional.of("doomed reply");
        }
        if (text.contains("#long")) {
            return Optional.of("长".repeat(1000)); // 3000 bytes: more than a passive reply holds
        }
        if (text.contains("#reply")) {
            return Optional.of("已收到，我们会尽快处理。Received, we will follow up. ]]> " + m.senderId());
        }
        return Optional.empty();
    }

    private static void awaitRelease(String channelKey) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        synchronized (SLOW_GATE) {
            while (!RELEASED.contains(channelKey)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("#slow on " + channelKey + " was never released");
                }
                TimeUnit.NANOSECONDS.timedWait(SLOW_GATE, left);
            }
        }
    }
}
