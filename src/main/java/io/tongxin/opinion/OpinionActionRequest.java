package io.tongxin.opinion;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /api/opinions/{number}/{action}}; each action reads the fields it needs. */
public record OpinionActionRequest(
        @Size(max = 2000) String note,
        @Size(max = 64) String memberCode,
        @Size(max = 1000) String reason,
        @Size(max = 16) String targetNumber,

        @Min(value = 1, message = "must be between 1 and 5") @Max(value = 5, message = "must be between 1 and 5")
        Integer rating,

        @Size(max = 200) String title) {

    public static OpinionActionRequest empty() {
        return new OpinionActionRequest(null, null, null, null, null, null);
    }
}
