package io.tongxin.dialogue;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A flow waiting for the sender's next message (see V7.0__bot_conversation.sql). */
@Entity
@Table(name = "bot_conversation")
class Conversation {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(name = "channel_key")
    String channelKey;

    @Column(name = "chat_id")
    String chatId;

    @Column(name = "user_id")
    String userId;

    boolean sandbox;

    @Column(name = "script_id")
    String scriptId;

    int step;

    /** {@code slot}: the answer fills the slot the step asks; {@code confirm}: a yes or no. */
    String awaiting;

    /** The slots so far, a JSON object of strings. */
    String slots;

    int retries;

    String language;

    @Column(name = "expires_at")
    Instant expiresAt;

    @Column(name = "last_inbox_id")
    Long lastInboxId;

    @Column(name = "updated_at")
    Instant updatedAt;
}
