package io.tongxin.opinion;

import io.tongxin.media.ChatReports;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;

/** Reports filed from chat messages, found through their source posts (merged ones follow their survivor). */
@ApplicationScoped
public class OpinionChatReports implements ChatReports {

    @Override
    public Optional<Long> latestFiledBy(String channelKey, String chatId, String senderId, Instant from, Instant to) {
        String chat = chatId == null ? " and s.chatId is null" : " and s.chatId = :chat";
        var q = OpinionSource.getEntityManager()
                .createQuery(
                        "select s.opinion.id from OpinionSource s where s.channelKey = :c and s.userId = :u" + chat
                                + " and s.receivedAt between :from and :to order by s.receivedAt desc, s.id desc",
                        Long.class)
                .setParameter("c", channelKey)
                .setParameter("u", senderId)
                .setParameter("from", from)
                .setParameter("to", to)
                .setMaxResults(1);
        if (chatId != null) {
            q.setParameter("chat", chatId);
        }
        return q.getResultList().stream().findFirst();
    }
}
