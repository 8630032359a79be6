package io.tongxin.directory;

import io.tongxin.audit.Audit;
import io.tongxin.shared.Deletions;
import io.tongxin.shared.ListResult;
import io.tongxin.shared.Paging;
import io.tongxin.shared.ProblemException;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Create, read, list, replace, upsert and delete for a directory resource addressed by its code.
 * Subclasses say how a request is validated and applied ({@link #apply}) and how a row is shown
 * ({@link #view}); an upsert or replace that changes nothing writes nothing (no new version, same
 * {@code updatedAt}), which is what makes the seed import idempotent.
 *
 * @param <E> the entity
 * @param <D> its API representation
 */
@Transactional
abstract class CodedService<E extends CodedEntity, D> {

    @Inject
    Clock clock;

    @Inject
    EntityManager em;

    @Inject
    Audit audit;

    @Inject
    DirectoryCache cache;

    private final Class<E> type;
    private final String what;

    CodedService(Class<E> type, String what) {
        this.type = type;
        this.what = what;
    }

    abstract E newEntity();

    abstract String codeOf(D dto);

    /** Validates the request (400 naming fields, 409 for taken unique values) and copies it onto the entity. */
    abstract void apply(E entity, D dto);

    /** The entity as the API shows it (secrets and personal data masked). */
    abstract D view(E entity);

    /** The entity's full state in clear, to tell whether an update changed anything. */
    Object state(E entity) {
        return view(entity);
    }

    D create(D dto) {
        String code = codeOf(dto);
        if (find(code).isPresent()) {
            throw ProblemException.conflict(what + " '" + code + "' already exists");
        }
        return view(insert(dto));
    }

    D get(String code) {
        return view(require(code));
    }

    D replace(String code, D dto) {
        if (!code.equals(codeOf(dto))) {
            throw ProblemException.invalidField("code", "must match the code in the URL ('" + code + "')");
        }
        E entity = require(code);
        update(entity, dto);
        return view(entity);
    }

    /** Creates the record or brings it up to date; reports which. */
    Outcome upsert(D dto) {
        Optional<E> existing = find(codeOf(dto));
        if (existing.isEmpty()) {
            insert(dto);
            return Outcome.CREATED;
        }
        return update(existing.get(), dto);
    }

    void delete(String code) {
        E entity = require(code);
        D before = view(entity);
        cache.changed();
        Deletions.deleteOrConflict(entity, what, code);
        audit.changed(what + ".delete", what, code, before, null);
    }

    Optional<E> find(String code) {
        if (code == null) {
            return Optional.empty();
        }
        return em
                .createQuery("from " + type.getSimpleName() + " where code = :code", type)
                .setParameter("code", code)
                .getResultList() // a list, not a stream: no scrollable result left open until the transaction ends
                .stream()
                .findFirst();
    }

    boolean exists(String code) {
        return code != null
                && em.createQuery("select count(*) from " + type.getSimpleName() + " where code = :code", Long.class)
                                .setParameter("code", code)
                                .getSingleResult()
                        > 0;
    }

    E require(String code) {
        return find(code).orElseThrow(() -> ProblemException.notFound(what, code));
    }

    /** One page of the rows matching {@code where}, ordered by code, with the total count. */
    ListResult<D> page(Where where, Paging page) {
        return page(where, page, this::view);
    }

    <R> ListResult<R> page(Where where, Paging page, Function<E, R> mapper) {
        String entity = type.getSimpleName();
        TypedQuery<E> q = em.createQuery("select e from " + entity + " e" + where.clause() + " order by e.code", type);
        TypedQuery<Long> count = em.createQuery("select count(e) from " + entity + " e" + where.clause(), Long.class);
        for (Map.Entry<String, Object> p : where.params().entrySet()) {
            q.setParameter(p.getKey(), p.getValue());
            count.setParameter(p.getKey(), p.getValue());
        }
        var items = q.setFirstResult((int) page.offset()).setMaxResults(page.size()).getResultList().stream()
                .map(mapper)
                .toList();
        return new ListResult<>(items, count.getSingleResult());
    }

    private E insert(D dto) {
        E entity = newEntity();
        entity.code = codeOf(dto);
        apply(entity, dto);
        entity.createdAt = clock.instant();
        entity.updatedAt = entity.createdAt;
        em.persist(entity);
        cache.changed();
        audit.changed(what + ".create", what, entity.code, null, view(entity));
        return entity;
    }

    private Outcome update(E entity, D dto) {
        Object before = state(entity);
        D shownBefore = view(entity);
        apply(entity, dto);
        if (Objects.equals(before, state(entity))) {
            return Outcome.UNCHANGED;
        }
        entity.updatedAt = clock.instant();
        cache.changed();
        audit.changed(what + ".update", what, entity.code, shownBefore, view(entity));
        return Outcome.UPDATED;
    }
}
