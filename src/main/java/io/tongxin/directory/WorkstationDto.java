package io.tongxin.directory;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A workstation (委员工作站); {@code headMemberCode} names its head (站长), a member. */
public record WorkstationDto(
        @NotBlank @Size(max = 64) @Pattern(regexp = Codes.PATTERN, message = Codes.MESSAGE)
        String code,

        @NotBlank @Size(max = 200) String name,
        @Size(max = 200) String district,
        @Size(max = 64) String headMemberCode) {}
