package io.tongxin.directory;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/**
 * 居民: a person known by a platform identity (or, when they phoned in, by nothing but a code). The
 * phone number is personal data: stored, never shown except masked, never logged.
 */
@Entity
@Table(name = "resident")
class Resident extends CodedEntity {

    @Column(name = "channel_key", length = 64)
    String channelKey;

    @Column(name = "user_id", length = 128)
    String userId;

    @Column(name = "display_name", length = 100)
    String displayName;

    @Column(length = 32)
    String phone;

    @Override
    public String toString() {
        return "Resident[" + code + "]";
    }
}
