package io.tongxin.directory;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A pairing (结对) of a member with a resident ({@code residentCode}) or a household/unit by name. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PairingDto(
        @NotBlank @Size(max = 64) @Pattern(regexp = Codes.PATTERN, message = Codes.MESSAGE)
        String code,

        @NotBlank @Size(max = 64) String memberCode,
        @Size(max = 64) String residentCode,
        @Size(max = 200) String household) {}
