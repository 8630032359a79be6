package io.tongxin.outbox.senders;

import io.tongxin.shared.LogText;
import io.tongxin.shared.Phones;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * The demo sender: prints each message in a readable block and reports it sent. Used when
 * {@code tongxin.outbox.dry-run} is on or the channel is marked {@code dryRun}. The text is the
 * residents' own words: phone numbers are masked and control characters escaped, so a log line shows
 * neither a number nor anything that forges lines or drives the operator's terminal.
 */
@ApplicationScoped
public class LogSender implements Sender {

    private static final Logger LOG = Logger.getLogger("io.tongxin.outbox.sent");

    @Override
    public String name() {
        return "log";
    }

    @Override
    public SendResult send(SendRequest r) {
        String target = switch (r.targetKind()) {
            case "robot" -> "robot " + mask(r.targetId());
            case "reply" -> "smart-robot reply";
            default -> r.targetKind() + " " + LogText.escape(r.targetId());
        };
        StringBuilder b = new StringBuilder();
        b.append("\n┌── outbox #")
                .append(r.messageId())
                .append(" → ")
                .append(LogText.escape(r.channel().key()))
                .append(" (")
                .append(r.channel().type().wire())
                .append(") ")
                .append(target);
        if (r.parts() > 1) {
            b.append(" · part ").append(r.part() + 1).append('/').append(r.parts());
        }
        b.append(" · ").append(r.format().wire()).append('\n');
        for (String line : Phones.maskText(r.text()).split("\n", -1)) {
            b.append("│ ").append(LogText.escape(line)).append('\n');
        }
        if (r.firstPart()
                && !(r.mentionUserIds().isEmpty() && r.mentionMobiles().isEmpty())) {
            b.append("│ @ ").append(LogText.escape(String.join(" ", r.mentionUserIds())));
            r.mentionMobiles().forEach(m -> b.append(' ').append(LogText.escape(Phones.mask(m))));
            b.append('\n');
        }
        b.append("└──");
        LOG.info(b);
        return SendResult.sent("logged (dry run)");
    }

    private static String mask(String key) {
        return key.length() <= 4 ? "****" : "****" + key.substring(key.length() - 4);
    }
}
