package io.tongxin.directory;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;

/**
 * A committee member (政协委员). {@code capacity} (default 10) bounds open assignments;
 * {@code onLeaveUntil} (inclusive) keeps routing away; {@code identities} are the member's user ids
 * on chat channels, each owned by one member only.
 */
public record MemberDto(
        @NotBlank @Size(max = 64) @Pattern(regexp = Codes.PATTERN, message = Codes.MESSAGE)
        String code,

        @NotBlank @Size(max = 100) String name,

        @NotNull @Pattern(regexp = "city|county", message = "must be city or county")
        String level,

        @NotBlank @Size(max = 64) String sectorCode,
        @Size(max = 64) String workstationCode,
        @Size(max = 200) List<@NotBlank @Size(max = 64) String> communityCodes,
        @Min(0) @Max(1000) Integer capacity,
        LocalDate onLeaveUntil,
        @Size(max = 50) List<@NotNull @Valid Identity> identities) {

    /** Default for {@code capacity} when a request leaves it out. */
    public static final int DEFAULT_CAPACITY = 10;

    /** A member's user id on one channel. */
    public record Identity(
            @NotBlank @Size(max = 64) String channelKey,
            @NotBlank @Size(max = 128) String userId) {}
}
