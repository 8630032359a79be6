package io.tongxin.outbox;

import java.util.Optional;

/**
 * Where the dispatcher reads the photo a message carries ({@link Content#imageMediaId()}), at the
 * moment it sends it: implemented by the media room, which keeps residents' photos (the outbox
 * depends on no feature, so the lower room declares what it needs and the higher one provides it).
 */
public interface OutboundImages {

    /**
     * A photo's bytes as stored, with its sniffed type and a display name.
     *
     * @param name the file name to show (the sender's own if it gave one, else {@code photo-<id>.<ext>})
     */
    record Image(long id, String mime, String name, byte[] bytes) {

        /** A name safe in a multipart header: ASCII letters, digits, dot, dash and underscore only. */
        public String asciiName() {
            String ext = switch (mime == null ? "" : mime) {
                case "image/png" -> "png";
                case "image/gif" -> "gif";
                case "image/webp" -> "webp";
                default -> "jpg";
            };
            return "photo-" + id + "." + ext;
        }

        @Override
        public String toString() {
            return "Image[#" + id + " " + mime + " " + (bytes == null ? 0 : bytes.length) + " bytes]";
        }
    }

    /** The stored image with this media item id; empty when it is gone or is not a stored image. */
    Optional<Image> find(long mediaItemId);
}
