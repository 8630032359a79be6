package io.tongxin.opinion.dictionary;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.StartupEvent;
import io.tongxin.audit.Audit;
import io.tongxin.shared.Problem;
import io.tongxin.shared.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The keyword dictionary: read, replace as a whole, classify texts. The dictionary lives in the
 * database; each instance keeps the classifier of the version it last read and re-reads only when
 * {@code dictionary_state.version} has moved, so a replacement made through any instance takes
 * effect everywhere at the next classification.
 */
@ApplicationScoped
public class DictionaryService {

    private static final Logger LOG = Logger.getLogger(DictionaryService.class);
    static final String DEFAULT_RESOURCE = "opinion/default-dictionary.json";

    private record Cached(long version, Dictionary dictionary, Classifier classifier) {}

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    private volatile Cached cached;

    @Inject
    TransactionSynchronizationRegistry transactions;

    /** The transaction resource holding the dictionary this transaction read (one version read per transaction). */
    private static final Object READ_IN_TRANSACTION = new Object();

    @Transactional
    void seedDefault(@Observes StartupEvent start) {
        ensureDefault();
    }

    /**
     * Loads the shipped default when the dictionary was never set (version 0); one instance wins.
     * Called at start-up, and by the seed import, which may run before this bean's start-up observer.
     */
    @Transactional
    public void ensureDefault() {
        int claimed = em.createNativeQuery(
                        "update dictionary_state set version = 1, updated_at = ?1 " + "where id = 1 and version = 0")
                .setParameter(1, clock.instant())
                .executeUpdate();
        if (claimed == 1) {
            written();
            Dictionary d = shippedDefault();
            insert(d);
            LOG.infof(
                    "Loaded the default keyword dictionary (%d categories)",
                    d.categories().size());
        }
    }

    /** The default dictionary shipped with the service. */
    public Dictionary shippedDefault() {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
            return json.readValue(in, Dictionary.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DEFAULT_RESOURCE, e);
        }
    }

    @Transactional
    public Dictionary get() {
        return current().dictionary();
    }

    /** The classifier for the dictionary as it is now in the database. */
    @Transactional
    public Classifier classifier() {
        return current().classifier();
    }

    @Transactional
    public Classification classify(String text) {
        return current().classifier().classify(text);
    }

    /**
     * Replaces the whole dictionary after validating it: category codes and names unique, keywords
     * trimmed and unique within their list, and a keyword in at most one category (refused with both
     * categories named, rather than silently picking one). Concurrent replacements serialise on the
     * version row; the last one wins.
     */
    @Inject
    Audit audit;

    @Transactional
    public Dictionary replace(Dictionary d) {
        Dictionary clean = validate(d);
        Dictionary before = current().dictionary();
        em.createNativeQuery("update dictionary_state set version = version + 1, updated_at = ?1 where id = 1")
                .setParameter(1, clock.instant())
                .executeUpdate();
        written();
        em.createNativeQuery("delete from dictionary_keyword").executeUpdate();
        em.createNativeQuery("delete from dictionary_category_sector").executeUpdate();
        em.createNativeQuery("delete from dictionary_category").executeUpdate();
        insert(clean);
        Dictionary after = current().dictionary();
        audit.changed("dictionary.replace", "dictionary", "dictionary", before, after);
        return after;
    }

    static Dictionary validate(Dictionary d) {
        List<Problem.Violation> violations = new ArrayList<>();
        Set<String> codes = new HashSet<>();
        Set<String> names = new HashSet<>();
        Map<String, String> owner = new HashMap<>();
        List<Dictionary.Category> categories = new ArrayList<>();
        for (int i = 0; i < d.categories().size(); i++) {
            Dictionary.Category c = d.categories().get(i);
            String at = "categories[" + i + "]";
            if (!codes.add(c.code())) {
                violations.add(new Problem.Violation(at + ".code", "duplicate category code '" + c.code() + "'"));
            }
            if (!names.add(c.name().strip())) {
                violations.add(new Problem.Violation(at + ".name", "duplicate category name '" + c.name() + "'"));
            }
            List<String> keywords = distinct(c.keywords(), at + ".keywords", violations);
            for (int k = 0; k < keywords.size(); k++) {
                String previous = owner.putIfAbsent(Classifier.normalise(keywords.get(k)), c.code());
                if (previous != null && !previous.equals(c.code())) {
                    violations.add(new Problem.Violation(
                            at + ".keywords",
                            "keyword '" + keywords.get(k) + "' is already in category '" + previous
                                    + "': a keyword may belong to one category only"));
                }
            }
            categories.add(new Dictionary.Category(
                    c.code(),
                    c.name().strip(),
                    keywords,
                    distinct(c.sectorCodesOrEmpty(), at + ".sectorCodes", violations)));
        }
        List<String> urgent = distinct(d.urgentKeywords(), "urgentKeywords", violations);
        List<String> complex = distinct(d.complexKeywordsOrEmpty(), "complexKeywords", violations);
        if (!violations.isEmpty()) {
            String detail = violations.stream()
                    .map(v -> v.field() + ": " + v.message())
                    .reduce((a, b) -> a + "; " + b)
                    .orElseThrow();
            throw new ProblemException(400, "Constraint Violation", detail, violations);
        }
        return new Dictionary(null, categories, urgent, complex);
    }

    private static List<String> distinct(List<String> words, String field, List<Problem.Violation> violations) {
        Map<String, String> seen = new LinkedHashMap<>();
        for (String w : words) {
            String s = w.strip();
            if (seen.putIfAbsent(Classifier.normalise(s), s) != null) {
                violations.add(new Problem.Violation(field, "'" + s + "' appears twice"));
            }
        }
        return List.copyOf(seen.values());
    }

    private void insert(Dictionary d) {
        int pos = 0;
        for (Dictionary.Category c : d.categories()) {
            em.createNativeQuery("insert into dictionary_category (code, name, position) values (?1, ?2, ?3)")
                    .setParameter(1, c.code())
                    .setParameter(2, c.name())
                    .setParameter(3, pos++)
                    .executeUpdate();
            int s = 0;
            for (String sector : c.sectorCodesOrEmpty()) {
                em.createNativeQuery("insert into dictionary_category_sector (category_code, sector_code, position) "
                                + "values (?1, ?2, ?3)")
                        .setParameter(1, c.code())
                        .setParameter(2, sector)
                        .setParameter(3, s++)
                        .executeUpdate();
            }
            insertKeywords("category", c.code(), c.keywords());
        }
        insertKeywords("urgent", null, d.urgentKeywords());
        insertKeywords("complex", null, d.complexKeywordsOrEmpty());
    }

    private void insertKeywords(String kind, String category, List<String> words) {
        int pos = 0;
        for (String w : words) {
            em.createNativeQuery("insert into dictionary_keyword (kind, category_code, keyword, position) "
                            + "values (?1, ?2, ?3, ?4)")
                    .setParameter(1, kind)
                    .setParameter(2, category)
                    .setParameter(3, w.strip())
                    .setParameter(4, pos++)
                    .executeUpdate();
        }
    }

    private Cached current() {
        // a report classifies its text twice (the script's classify step, the filing): one version read
        boolean inTransaction = transactions.getTransactionStatus() == Status.STATUS_ACTIVE;
        if (inTransaction && transactions.getResource(READ_IN_TRANSACTION) instanceof Cached read) {
            return read;
        }
        Cached c = readCurrent();
        if (inTransaction) {
            transactions.putResource(READ_IN_TRANSACTION, c);
        }
        return c;
    }

    /** This transaction writes the dictionary: its next read reads the version again. */
    private void written() {
        if (transactions.getTransactionStatus() == Status.STATUS_ACTIVE) {
            transactions.putResource(READ_IN_TRANSACTION, Boolean.FALSE);
        }
    }

    private Cached readCurrent() {
        // read for every classified text: no flush of the caller's pending writes first (the dictionary is
        // written by native statements, which never wait in the session)
        long version = ((Number) em.createNativeQuery("select version from dictionary_state where id = 1")
                        .setFlushMode(jakarta.persistence.FlushModeType.COMMIT)
                        .getSingleResult())
                .longValue();
        Cached c = cached;
        if (c != null && c.version() == version) {
            return c;
        }
        Dictionary d = load(version);
        c = new Cached(version, d, new Classifier(d));
        cached = c;
        return c;
    }

    @SuppressWarnings("unchecked")
    private Dictionary load(long version) {
        Map<String, List<String>> sectors = new HashMap<>();
        for (Object[] r : (List<Object[]>) em.createNativeQuery(
                        "select category_code, sector_code from dictionary_category_sector order by category_code, position")
                .getResultList()) {
            sectors.computeIfAbsent((String) r[0], k -> new ArrayList<>()).add((String) r[1]);
        }
        Map<String, List<String>> keywords = new HashMap<>();
        List<String> urgent = new ArrayList<>();
        List<String> complex = new ArrayList<>();
        for (Object[] r : (List<Object[]>) em.createNativeQuery(
                        "select kind, category_code, keyword from dictionary_keyword order by kind, category_code, position")
                .getResultList()) {
            switch ((String) r[0]) {
                case "category" ->
                    keywords.computeIfAbsent((String) r[1], k -> new ArrayList<>())
                            .add((String) r[2]);
                case "urgent" -> urgent.add((String) r[2]);
                default -> complex.add((String) r[2]);
            }
        }
        List<Dictionary.Category> categories = new ArrayList<>();
        for (Object[] r :
                (List<Object[]>) em.createNativeQuery("select code, name from dictionary_category order by position")
                        .getResultList()) {
            String code = (String) r[0];
            categories.add(new Dictionary.Category(
                    code,
                    (String) r[1],
                    List.copyOf(keywords.getOrDefault(code, List.of())),
                    List.copyOf(sectors.getOrDefault(code, List.of()))));
        }
        return new Dictionary(version, List.copyOf(categories), List.copyOf(urgent), List.copyOf(complex));
    }
}
