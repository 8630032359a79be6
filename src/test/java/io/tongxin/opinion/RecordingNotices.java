package io.tongxin.opinion;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every notice the opinion feature sends (stands in for the outbox adapter until it is wired). */
@Alternative
@Priority(1)
@ApplicationScoped
public class RecordingNotices implements OpinionNotices {

    /** One notice: to whom ({@code reporter:chat:user}, {@code member:code}, {@code head:ws:code}, {@code organizers}). */
    public record Sent(String to, String text, String origin) {
    }

    public final List<Sent> sent = new CopyOnWriteArrayList<>();

    @Override
    public void toReporter(ReporterAddress a, String text, String origin) {
        sent.add(new Sent("reporter:" + a.channelKey() + ":" + a.chatId() + ":" + a.userId(), text, origin));
    }

    @Override
    public void toMember(String memberCode, String text, String origin) {
        sent.add(new Sent("member:" + memberCode, text, origin));
    }

    @Override
    public void toWorkstationHead(String workstationCode, String memberCode, String text, String origin) {
        sent.add(new Sent("head:" + workstationCode + ":" + memberCode, text, origin));
    }

    @Override
    public void toOrganizers(String text, String origin) {
        sent.add(new Sent("organizers", text, origin));
    }

    public List<Sent> about(String number) {
        return sent.stream().filter(s -> s.origin().contains(":" + number + ":")).toList();
    }
}
