package io.tongxin.channel;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Create or replace a channel. Which of the optional fields are required depends on {@code type}
 * (checked by {@link ChannelService}). Secret fields left out of a PUT keep their stored value.
 */
public record ChannelRequest(
        @NotBlank
        @Size(max = 64)
        @Pattern(regexp = "[a-z0-9][a-z0-9_-]*", message = "use lowercase letters, digits, '-' and '_'")
        String key,

        @NotNull ChannelType type,
        @NotBlank @Size(max = 200) String name,

        @Pattern(regexp = "[A-Za-z0-9]{3,32}", message = "must be 3 to 32 letters or digits")
        String token,

        @Pattern(regexp = "[A-Za-z0-9+/]{43}", message = "must be 43 base64 characters")
        String encodingAesKey,

        @Size(max = 64) String appId,
        @Size(max = 128) String appSecret,
        @Size(max = 64) String corpId,
        Long agentId,

        @Size(min = 16, max = 256, message = "must be 16 to 256 characters")
        String secret,

        @Size(max = 64) String receiveId,
        @Size(max = 1000) String sendUrl,
        @Size(max = 1000) String apiBaseUrl,
        Boolean dryRun,

        @Pattern(regexp = "zh-CN|en", message = "must be zh-CN or en")
        String language) {}
