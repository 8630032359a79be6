package io.tongxin.inbox;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test-only handler driven by markers in the message text: {@code #fail-always},
 * {@code #fail-until-healed} (fails until the test adds the id to {@link #HEALED}), {@code #reply}
 * (answers at once), {@code #doom} (marks the transaction rollback-only and answers), {@code #long} (answers at once, too long for a passive reply), {@code #slow}
 * (answers after the reply budget), {@code #not-for-the-bot} (not
 * wanted at all, like group chatter that does not address the bot). It counts calls per inbox id so
 * tests can prove that duplicates are not processed twice.
 */
@ApplicationScoped
public class TestInboundHandler implements InboundHandler {

    public static final ConcurrentHashMap<Long, AtomicInteger> CALLS = new ConcurrentHashMap<>();
    public static final Set<Long> HEALED = ConcurrentHashMap.newKeySet();

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
        CALLS.computeIfAbsent(m.inboxId(), id -> new AtomicInteger()).incrementAndGet();
        String text = m.text() == null ? "" : m.text();
        if (text.contains("#fail-always")) {
            throw new IllegalStateException("simulated failure on attempt " + m.attempt());
        }
        if (text.contains("#fail-until-healed") && !HEALED.contains(m.inboxId())) {
            throw new IllegalStateException("simulated failure until healed");
        }
        if (text.contains("#slow")) {
            Thread.sleep(2500);
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
}
