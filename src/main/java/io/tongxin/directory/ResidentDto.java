package io.tongxin.directory;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A resident (居民): an optional platform identity ({@code channelKey} and {@code userId} together),
 * optional display name and phone. The phone is always answered masked ({@code 138****1234});
 * sending the masked value back keeps the stored number, {@code null} removes it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResidentDto(
        @Size(max = 64) @Pattern(regexp = Codes.PATTERN, message = Codes.MESSAGE)
        String code,

        @Size(max = 64) String channelKey,
        @Size(max = 128) String userId,
        @Size(max = 100) String displayName,
        @Size(max = 32) String phone) {}
