package io.tongxin.outbox.senders;

import io.tongxin.channel.ChannelType;
import io.tongxin.outbox.OutboxConfig;
import io.tongxin.shared.LogText;
import io.tongxin.shared.Phones;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * The demo sender: prints each message in a readable block and reports it sent. Used when
 * {@code tongxin.outbox.dry-run} is on or the channel is marked {@code dryRun}. It also prints the
 * passive replies answered inline in a webhook's response ({@link #inline}), so its log category
 * {@code io.tongxin.outbox.sent} shows everything the bot said. The text is the residents' own words:
 * phone numbers are masked and control characters escaped, so a log line shows neither a number nor
 * anything that forges lines or drives the operator's terminal.
 */
@ApplicationScoped
public class LogSender implements Sender {

    private static final Logger LOG = Logger.getLogger("io.tongxin.outbox.sent");

    @Inject
    OutboxConfig config;

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
        b.append(" · ").append(r.photoOnly() ? "photo" : r.format().wire()).append('\n');
        if (r.text() != null) {
            lines(b, r.text(), printsText());
        }
        if (r.image() != null) {
            b.append("│ [photo] ")
                    .append(LogText.escape(r.image().mime()))
                    .append(", ")
                    .append(r.image().bytes().length)
                    .append(" bytes (media item ")
                    .append(r.image().id())
                    .append(")\n");
        }
        if (r.firstPart()
                && printsText()
                && !(r.mentionUserIds().isEmpty() && r.mentionMobiles().isEmpty())) {
            b.append("│ @ ").append(LogText.escape(String.join(" ", r.mentionUserIds())));
            r.mentionMobiles().forEach(m -> b.append(' ').append(LogText.escape(Phones.mask(m))));
            b.append('\n');
        }
        b.append("└──");
        LOG.info(b);
        return SendResult.sent("logged (dry run)");
    }

    /**
     * Prints a passive reply, the answer a webhook returned in its response, in the same block as an
     * outbox message. At INFO when {@code tongxin.outbox.dry-run} is on (the demo, where this log is
     * where one reads what the bot said), at DEBUG otherwise.
     *
     * @param inboxId the inbox message answered
     * @param senderId whom the platform hands the reply to
     */
    public void inline(long inboxId, String channelKey, ChannelType type, String senderId, String text) {
        Logger.Level level = config.dryRun() ? Logger.Level.INFO : Logger.Level.DEBUG;
        if (!LOG.isEnabled(level)) {
            return;
        }
        StringBuilder b = new StringBuilder();
        b.append("\n┌── inline reply to inbox #")
                .append(inboxId)
                .append(" → ")
                .append(LogText.escape(channelKey))
                .append(" (")
                .append(type.wire())
                .append(") answering ")
                .append(LogText.escape(senderId))
                .append(" · text\n");
        lines(b, text, printsText());
        b.append("└──");
        LOG.log(level, b);
    }

    /** The texts are printed in the demo and the tests only ({@code tongxin.outbox.log-text}). */
    private boolean printsText() {
        return config == null || config.logText();
    }

    private static void lines(StringBuilder b, String text, boolean print) {
        if (!print) {
            b.append("│ (")
                    .append(text == null ? 0 : text.codePointCount(0, text.length()))
                    .append(" characters, not printed: tongxin.outbox.log-text=false)\n");
            return;
        }
        for (String line : Phones.maskText(text == null ? "" : text).split("\n", -1)) {
            b.append("│ ").append(LogText.escape(line)).append('\n');
        }
    }

    private static String mask(String key) {
        return key.length() <= 4 ? "****" : "****" + key.substring(key.length() - 4);
    }
}
