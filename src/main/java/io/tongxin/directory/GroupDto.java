package io.tongxin.directory;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A chat group on a channel, bound to exactly one of {@code communityCode}, {@code workstationCode},
 * {@code sectorCode}. {@code robotWebhookUrl} (a WeCom group robot's send URL) is accepted in clear and
 * returned with its key masked ({@code key=****}); sending that masked value back keeps the stored URL.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GroupDto(
        @NotBlank @Size(max = 64) @Pattern(regexp = Codes.PATTERN, message = Codes.MESSAGE)
        String code,

        @NotBlank @Size(max = 64) String channelKey,
        @NotBlank @Size(max = 128) String chatId,
        @NotBlank @Size(max = 200) String name,
        @Size(max = 64) String communityCode,
        @Size(max = 64) String workstationCode,
        @Size(max = 64) String sectorCode,
        @Size(max = 1000) String robotWebhookUrl) {}
