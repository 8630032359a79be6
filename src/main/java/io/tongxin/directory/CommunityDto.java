package io.tongxin.directory;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A community (社区) with its consultation council (协商议事会) and the workstation it belongs to. */
public record CommunityDto(
        @NotBlank @Size(max = 64) @Pattern(regexp = Codes.PATTERN, message = Codes.MESSAGE)
        String code,

        @NotBlank @Size(max = 200) String name,
        @NotBlank @Size(max = 200) String councilName,
        @Size(max = 100) String councilHead,
        @NotBlank @Size(max = 64) String workstationCode) {}
