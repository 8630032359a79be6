package io.tongxin.media;

import io.tongxin.outbox.OutboundImages;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Optional;

/**
 * The photos the outbox sends with notices (the first photo of a concern, to the member it is
 * assigned to), read from {@code media_item} when the dispatcher sends them: any instance can, and no
 * bytes wait in memory meanwhile. Only stored images are handed out.
 */
@ApplicationScoped
public class OutboxPhotos implements OutboundImages {

    @Override
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<Image> find(long mediaItemId) {
        MediaItem m = MediaItem.findById(mediaItemId);
        if (m == null || !"image".equals(m.kind) || !"stored".equals(m.status) || m.content == null) {
            return Optional.empty();
        }
        Image named = new Image(m.id, m.mime, null, m.content);
        String name = m.fileName == null || m.fileName.isBlank() ? named.asciiName() : m.fileName;
        return Optional.of(new Image(m.id, m.mime, name, m.content));
    }
}
