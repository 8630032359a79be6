package io.tongxin.channel;

import io.quarkus.panache.common.Sort;
import io.tongxin.audit.Audit;
import io.tongxin.shared.Deletions;
import io.tongxin.shared.ListResult;
import io.tongxin.shared.Paging;
import io.tongxin.shared.Problem;
import io.tongxin.shared.ProblemException;
import io.tongxin.shared.ReferenceCache;
import io.tongxin.shared.ReferenceCacheConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Channels: administration (create, replace, the seed import's {@link #upsert}) through one set of
 * storage rules ({@code ChannelSettings}) and per-type validation, and {@link #find} for the other
 * features, which see a {@link ChannelInfo} without secrets.
 */
@ApplicationScoped
public class ChannelService {

    @Inject
    Clock clock;

    @Inject
    Audit audit;

    @Inject
    TransactionSynchronizationRegistry transactions;

    /** {@link #find}'s answers (read on every processed message), per instance for a short TTL. */
    @Inject
    ReferenceCacheConfig cacheConfig;

    private ReferenceCache<String, ChannelInfo> recent;

    @PostConstruct
    void createCache() {
        recent = new ReferenceCache<>(cacheConfig.ttl(), 1_000);
    }

    /** What {@link #upsert} did. */
    public enum Upserted {
        CREATED,
        UPDATED,
        UNCHANGED
    }

    @Transactional
    public ChannelView create(ChannelRequest r) {
        if (Channel.findByKey(r.key()).isPresent()) {
            throw ProblemException.conflict("channel '" + r.key() + "' already exists");
        }
        ChannelView created = ChannelView.of(insert(r));
        audit.changed("channel.create", "channel", r.key(), null, created);
        return created;
    }

    @Transactional
    public ChannelView replace(String key, ChannelRequest r) {
        if (!key.equals(r.key())) {
            throw ProblemException.invalidField("key", "must match the key in the URL ('" + key + "')");
        }
        Channel c = require(key);
        ChannelView before = ChannelView.of(c);
        write(c, ChannelSettings.of(r, c));
        ChannelView after = ChannelView.of(c);
        audit.changed("channel.update", "channel", key, before, after);
        return after;
    }

    /**
     * Creates the channel or brings it in line with {@code r}, writing nothing when it already is
     * (the seed import, so importing twice changes nothing). The same storage rules as
     * {@link #create} and {@link #replace}: secrets left out keep the stored ones.
     */
    @Transactional
    public Upserted upsert(ChannelRequest r) {
        Optional<Channel> existing = Channel.findByKey(r.key());
        if (existing.isEmpty()) {
            audit.changed("channel.create", "channel", r.key(), null, ChannelView.of(insert(r)));
            return Upserted.CREATED;
        }
        Channel c = existing.get();
        ChannelSettings next = ChannelSettings.of(r, c);
        if (next.equals(ChannelSettings.of(c))) {
            return Upserted.UNCHANGED;
        }
        ChannelView before = ChannelView.of(c);
        write(c, next);
        audit.changed("channel.update", "channel", r.key(), before, ChannelView.of(c));
        return Upserted.UPDATED;
    }

    @Transactional
    public ChannelView get(String key) {
        return ChannelView.of(require(key));
    }

    @Transactional
    public ListResult<ChannelView> list(Optional<ChannelType> type, Paging page) {
        var q = type.isPresent()
                ? Channel.<Channel>find("type", Sort.by("key"), type.get())
                : Channel.<Channel>findAll(Sort.by("key"));
        return new ListResult<>(
                q.page(page.page(), page.size()).list().stream()
                        .map(ChannelView::of)
                        .toList(),
                q.count());
    }

    @Transactional
    public void delete(String key) {
        Channel c = require(key);
        ChannelView before = ChannelView.of(c);
        recent.invalidateAll(transactions);
        Deletions.deleteOrConflict(c, "channel", key);
        audit.changed("channel.delete", "channel", key, before, null);
    }

    /** The channel without its secrets, for every feature ({@link ChannelCredentials} has the secrets). */
    @Transactional
    public Optional<ChannelInfo> find(String key) {
        // read on every processed message: cached for a few seconds per instance, and read without a
        // flush of the caller's pending writes first (issue 16 profile)
        return recent.get(
                key,
                k -> Channel.<Channel>find("key", k)
                        .withHint(org.hibernate.jpa.HibernateHints.HINT_FLUSH_MODE, org.hibernate.FlushMode.COMMIT)
                        .firstResultOptional()
                        .map(Channel::info));
    }

    private static Channel require(String key) {
        return Channel.findByKey(key).orElseThrow(() -> ProblemException.notFound("channel", key));
    }

    private Channel insert(ChannelRequest r) {
        Channel c = new Channel();
        c.key = r.key();
        c.createdAt = clock.instant();
        write(c, ChannelSettings.of(r, null));
        c.persist();
        return c;
    }

    private void write(Channel c, ChannelSettings s) {
        validate(s);
        recent.invalidateAll(transactions);
        s.writeTo(c);
        c.updatedAt = clock.instant();
    }

    /** Per-type rules: what each platform needs to verify, decrypt and send. */
    private static void validate(ChannelSettings c) {
        List<Problem.Violation> v = new ArrayList<>();
        switch (c.type()) {
            case WECHAT_MP -> {
                need(v, "token", c.token());
                need(v, "appId", c.appId());
                forbid(v, c.type(), "corpId", c.corpId());
                forbid(v, c.type(), "agentId", c.agentId());
                forbid(v, c.type(), "secret", c.secret());
                forbid(v, c.type(), "sendUrl", c.sendUrl());
                forbid(v, c.type(), "receiveId", c.receiveId());
            }
            case WECOM_APP -> {
                need(v, "token", c.token());
                need(v, "encodingAesKey", c.encodingAesKey());
                need(v, "corpId", c.corpId());
                need(v, "agentId", c.agentId());
                need(v, "secret", c.secret());
                forbid(v, c.type(), "appId", c.appId());
                forbid(v, c.type(), "appSecret", c.appSecret());
                forbid(v, c.type(), "sendUrl", c.sendUrl());
                forbid(v, c.type(), "receiveId", c.receiveId());
            }
            case WECOM_BOT -> {
                need(v, "token", c.token());
                need(v, "encodingAesKey", c.encodingAesKey());
                forbid(v, c.type(), "appId", c.appId());
                forbid(v, c.type(), "appSecret", c.appSecret());
                forbid(v, c.type(), "corpId", c.corpId());
                forbid(v, c.type(), "agentId", c.agentId());
                forbid(v, c.type(), "sendUrl", c.sendUrl());
            }
            case BRIDGE -> {
                need(v, "secret", c.secret());
                need(v, "sendUrl", c.sendUrl());
                forbid(v, c.type(), "token", c.token());
                forbid(v, c.type(), "encodingAesKey", c.encodingAesKey());
                forbid(v, c.type(), "appId", c.appId());
                forbid(v, c.type(), "appSecret", c.appSecret());
                forbid(v, c.type(), "corpId", c.corpId());
                forbid(v, c.type(), "agentId", c.agentId());
                forbid(v, c.type(), "receiveId", c.receiveId());
            }
        }
        if (c.encodingAesKey() != null) {
            try {
                if (Base64.getDecoder().decode(c.encodingAesKey() + "=").length != 32) {
                    v.add(new Problem.Violation("encodingAesKey", "must decode to a 32-byte AES key"));
                }
            } catch (IllegalArgumentException e) {
                v.add(new Problem.Violation("encodingAesKey", "must be 43 base64 characters"));
            }
        }
        if (c.agentId() != null && c.agentId() <= 0) {
            v.add(new Problem.Violation("agentId", "must be a positive number"));
        }
        url(v, "sendUrl", c.sendUrl());
        url(v, "apiBaseUrl", c.apiBaseUrl());
        if (!v.isEmpty()) {
            String detail = v.stream()
                    .map(x -> x.field() + ": " + x.message())
                    .reduce((a, b) -> a + "; " + b)
                    .orElseThrow();
            throw new ProblemException(400, "Constraint Violation", detail, v);
        }
    }

    private static void need(List<Problem.Violation> v, String field, Object value) {
        if (value == null || value instanceof String s && s.isBlank()) {
            v.add(new Problem.Violation(field, "is required for this channel type"));
        }
    }

    private static void forbid(List<Problem.Violation> v, ChannelType type, String field, Object value) {
        if (value != null && !(value instanceof String s && s.isBlank())) {
            v.add(new Problem.Violation(field, "does not apply to a " + type.wire() + " channel"));
        }
    }

    private static void url(List<Problem.Violation> v, String field, String value) {
        if (value == null) {
            return;
        }
        try {
            URI u = URI.create(value);
            if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
                v.add(new Problem.Violation(field, "must be an http or https URL"));
            }
        } catch (IllegalArgumentException e) {
            v.add(new Problem.Violation(field, "must be an http or https URL"));
        }
    }
}
