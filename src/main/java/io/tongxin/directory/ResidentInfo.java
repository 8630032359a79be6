package io.tongxin.directory;

import io.tongxin.shared.Phones;

/**
 * A resident as other features see it. {@code phone} is personal data in clear: show only
 * {@link #maskedPhone()}; {@link #toString()} masks it.
 */
public record ResidentInfo(String code, String channelKey, String userId, String displayName, String phone) {

    public String maskedPhone() {
        return Phones.mask(phone);
    }

    static ResidentInfo of(Resident r) {
        return new ResidentInfo(r.code, r.channelKey, r.userId, r.displayName, r.phone);
    }

    @Override
    public String toString() {
        return "ResidentInfo[code=" + code + ", channelKey=" + channelKey + ", userId=" + userId + ", displayName="
                + displayName + ", phone=" + maskedPhone() + "]";
    }
}
