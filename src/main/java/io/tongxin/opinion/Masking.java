package io.tongxin.opinion;

import io.tongxin.shared.Phones;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * How the texts of one opinion are masked, by who wrote them (docs/opinions.md, "Phone numbers"):
 * what residents wrote (the concern, its merged posts) has every phone number masked; what members
 * and organizers write for the resident (a resolution, a note, a reason) keeps the numbers they give,
 * such as a service line, and masks only the residents' own numbers: the reporter's phone on record
 * and any number in the residents' text, however it is spelt there.
 */
final class Masking {

    private final Set<String> residentNumbers;

    private Masking(Set<String> residentNumbers) {
        this.residentNumbers = residentNumbers;
    }

    static Masking of(Opinion o) {
        List<String> residents = new ArrayList<>();
        residents.add(o.reporterPhone);
        residents.add(o.text);
        o.sources.forEach(s -> residents.add(s.text));
        return new Masking(Phones.numbersIn(residents));
    }

    /** A text a resident wrote: every number masked. */
    static String residentText(String text) {
        return Phones.maskText(text);
    }

    /** A text a member or organizer wrote for the resident: only residents' numbers masked. */
    String staffText(String text) {
        return Phones.maskOnly(text, residentNumbers);
    }
}
