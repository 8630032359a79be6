package io.tongxin.opinion.dictionary;

import io.tongxin.directory.Directory;
import io.tongxin.directory.SeedKind;
import io.tongxin.shared.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code categorySectors} seed kind: links a keyword-dictionary category to the deployment's
 * sectors (each deployment links categories to its own sectors), e.g.
 * <pre>
 * categorySectors:
 *   - categoryCode: health
 *     sectorCodes: [lz-health]
 * </pre>
 * Links are added, never removed (like every seed import), so several files may link the same
 * category to their own sectors; a record whose sectors are all linked already writes nothing.
 * Contributed to the directory's seed importer through its {@link SeedKind} SPI, so the directory
 * does not depend on the opinion feature.
 */
@ApplicationScoped
public class CategorySectorsSeed implements SeedKind {

    /** One seed record: a dictionary category by code and the sectors (by code) that fit it. */
    public record CategorySectors(
            @NotBlank @Size(max = 64) String categoryCode,
            @NotNull @Size(min = 1, max = 100) List<@NotBlank @Size(max = 64) String> sectorCodes) {}

    @Inject
    DictionaryService dictionary;

    @Inject
    Directory directory;

    @Override
    public String key() {
        return "categorySectors";
    }

    @Override
    public Class<?> type() {
        return CategorySectors.class;
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public Applied apply(Object record) {
        CategorySectors r = (CategorySectors) record;
        for (int i = 0; i < r.sectorCodes().size(); i++) {
            String sector = r.sectorCodes().get(i).strip();
            if (directory.findSector(sector).isEmpty()) {
                throw ProblemException.invalidField("sectorCodes[" + i + "]", "no sector with code '" + sector + "'");
            }
        }
        dictionary.ensureDefault();
        Dictionary current = dictionary.get();
        Dictionary.Category category = current.category(r.categoryCode().strip());
        if (category == null) {
            throw ProblemException.invalidField(
                    "categoryCode",
                    "no dictionary category with code '" + r.categoryCode().strip() + "'");
        }
        Set<String> linked = new LinkedHashSet<>(category.sectorCodesOrEmpty());
        boolean added = false;
        for (String sector : r.sectorCodes()) {
            added |= linked.add(sector.strip());
        }
        if (!added) {
            return Applied.UNCHANGED;
        }
        List<Dictionary.Category> categories = new ArrayList<>();
        for (Dictionary.Category c : current.categories()) {
            categories.add(
                    c != category ? c : new Dictionary.Category(c.code(), c.name(), c.keywords(), List.copyOf(linked)));
        }
        dictionary.replace(new Dictionary(null, categories, current.urgentKeywords(), current.complexKeywords()));
        return Applied.UPDATED;
    }
}
