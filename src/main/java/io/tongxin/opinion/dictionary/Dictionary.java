package io.tongxin.opinion.dictionary;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The keyword dictionary as a whole: categories in priority order (the order breaks ties between
 * equally long matches), urgency words and complexity words. {@code version} is read-only: it counts
 * replacements and is ignored on {@code PUT}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Dictionary(
        Long version,

        @NotNull @Size(max = 200, message = "at most 200 categories")
        List<@Valid @NotNull Category> categories,

        @NotNull @Size(max = 1000) List<@NotBlank @Size(max = 64) String> urgentKeywords,
        @Size(max = 1000) List<@NotBlank @Size(max = 64) String> complexKeywords) {

    /** A category: {@code name} is what opinions show as {@code category}; {@code sectorCodes} fit it. */
    public record Category(
            @NotBlank
            @Size(max = 64)
            @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9_.-]*", message = "letters, digits, '_', '-' or '.'")
            String code,

            @NotBlank @Size(max = 100) String name,
            @NotNull @Size(max = 500) List<@NotBlank @Size(max = 64) String> keywords,
            @Size(max = 100) List<@NotBlank @Size(max = 64) String> sectorCodes) {

        public List<String> sectorCodesOrEmpty() {
            return sectorCodes == null ? List.of() : sectorCodes;
        }
    }

    public List<String> complexKeywordsOrEmpty() {
        return complexKeywords == null ? List.of() : complexKeywords;
    }

    public Category category(String code) {
        return categories.stream()
                .filter(c -> c.code().equals(code))
                .findFirst()
                .orElse(null);
    }
}
