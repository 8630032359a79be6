package io.tongxin.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.quarkus.arc.Arc;
import io.tongxin.security.Caller;
import io.tongxin.security.TokenService;
import io.tongxin.shared.Phones;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The one way changes reach the audit trail. Services call {@link #changed} (an admin-API change: the
 * actor is the request's bearer token, or {@code system} outside a request) or {@link #changedInChat}
 * (a chat action: the member or resident who wrote it) in the transaction that makes the change, so an
 * entry exists exactly when the change committed. {@code before}/{@code after} are any objects (the
 * API views); they are stored as JSON with secret-looking fields ({@code *secret*}, {@code *token*},
 * {@code *aesKey*}, {@code *password*}) removed and every phone number masked.
 */
@ApplicationScoped
public class Audit {

    /** The limit of one stored before/after text (the column's size). */
    static final int MAX_STATE = 20000;

    private static final Pattern SECRET_FIELD = Pattern.compile("(?i).*(secret|token|aeskey|password).*");

    /** A key in a URL's query (a WeCom robot's webhook key, an access token). */
    private static final Pattern URL_SECRET = Pattern.compile("(?i)([?&](?:key|access_token|token|secret)=)[^&\\s\"]+");

    /** Who acted in a chat: {@code kind} is {@code member} or {@code resident}. */
    public record ChatActor(String kind, String id, String name, String channelKey, String chatId) {

        public static ChatActor member(String memberCode, String channelKey, String chatId) {
            return new ChatActor("member", memberCode, memberCode, channelKey, chatId);
        }

        public static ChatActor resident(String channelKey, String userId, String chatId) {
            return new ChatActor("resident", residentId(channelKey, userId), null, channelKey, chatId);
        }
    }

    @Inject
    Clock clock;

    @Inject
    ObjectMapper json;

    @Inject
    Instance<Caller> caller;

    /** The actor id a resident's chat actions are recorded under (their platform identity). */
    public static String residentId(String channelKey, String userId) {
        return channelKey + "/" + userId;
    }

    /** Records a change made through the admin API (or by the system, outside any request). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void changed(String action, String subjectType, String subjectCode, Object before, Object after) {
        AuditEntry e = entry(action, subjectType, subjectCode, before, after);
        Caller c = currentCaller();
        if (c != null) {
            e.via = "api";
            e.actorKind = c.role().wire();
            e.actorId = c.tokenId() == null ? "bootstrap-admin" : "token:" + c.tokenId();
            e.actorName = c.name();
        } else {
            e.via = "system";
            e.actorKind = "system";
        }
        e.persist();
    }

    /** Records a change made by a chat action. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void changedInChat(
            ChatActor actor, String action, String subjectType, String subjectCode, Object before, Object after) {
        AuditEntry e = entry(action, subjectType, subjectCode, before, after);
        e.via = "chat";
        e.actorKind = actor.kind();
        e.actorId = cut(actor.id(), 200);
        e.actorName = cut(actor.name(), 200);
        e.channelKey = cut(actor.channelKey(), 64);
        e.chatId = cut(actor.chatId(), 128);
        e.persist();
    }

    /**
     * Forgets who a resident was in the trail (their erasure): entries they made keep their action and
     * time but the actor becomes {@code erased}. Returns how many entries changed.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int forgetResident(String channelKey, String userId) {
        if (channelKey == null || userId == null) {
            return 0;
        }
        return AuditEntry.update(
                "actorId = 'erased', actorName = null, chatId = null where actorKind = 'resident' and actorId = ?1",
                residentId(channelKey, userId));
    }

    /**
     * Forgets the states recorded for a subject (a resident's erasure: their name was in the entries of
     * their record's changes); the entries stay, with {@code {"erased": true}} as before and after.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int forgetSubject(String subjectType, String subjectCode) {
        return AuditEntry.getEntityManager()
                .createNativeQuery("update audit_entry set"
                        + " before_state = case when before_state is null then null else ?3 end,"
                        + " after_state = case when after_state is null then null else ?3 end"
                        + " where subject_type = ?1 and subject_code = ?2"
                        + " and action not in ('resident.erase', 'resident.export')"
                        + " and ((before_state is not null and before_state <> ?3)"
                        + " or (after_state is not null and after_state <> ?3))")
                .setParameter(1, subjectType)
                .setParameter(2, subjectCode)
                .setParameter(3, "{\"erased\":true}")
                .executeUpdate();
    }

    /** Whether the current thread serves an authenticated API request. */
    public boolean inApiRequest() {
        return currentCaller() != null;
    }

    /** The request's authenticated caller, or null (a job, a webhook, a chat message). */
    private Caller currentCaller() {
        if (!Arc.container().requestContext().isActive() || !caller.isResolvable()) {
            return null;
        }
        Caller c = caller.get();
        return c.authenticated() ? c : null;
    }

    private AuditEntry entry(String action, String subjectType, String subjectCode, Object before, Object after) {
        AuditEntry e = new AuditEntry();
        e.at = clock.instant();
        e.action = cut(action, 64);
        e.subjectType = cut(subjectType, 32);
        e.subjectCode = cut(subjectCode, 200);
        e.before = state(before);
        e.after = state(after);
        return e;
    }

    /** An object as stored: JSON without secrets, phones masked, within {@link #MAX_STATE}. */
    String state(Object value) {
        if (value == null) {
            return null;
        }
        JsonNode node = json.valueToTree(value);
        String text = clean(node).toString();
        if (text.length() > MAX_STATE) {
            return json.createObjectNode()
                    .put("truncated", true)
                    .put("length", text.length())
                    .toString();
        }
        return text;
    }

    private static JsonNode clean(JsonNode node) {
        if (node.isTextual()) {
            String text = URL_SECRET.matcher(node.asText()).replaceAll("$1***");
            return TextNode.valueOf(Phones.maskText(text));
        }
        if (node.isObject()) {
            ObjectNode o = (ObjectNode) node;
            List<String> secret = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                var f = it.next();
                if (SECRET_FIELD.matcher(f.getKey()).matches() && !f.getValue().isBoolean()) {
                    secret.add(f.getKey());
                } else {
                    f.setValue(clean(f.getValue()));
                }
            }
            o.remove(secret);
            return o;
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                ((com.fasterxml.jackson.databind.node.ArrayNode) node).set(i, clean(node.get(i)));
            }
        }
        return node;
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    /** Tokens minted and revoked (the security room announces them; it cannot depend on this room). */
    void tokenChanged(@Observes TokenService.TokenChanged change) {
        changed(
                change.action(),
                "token",
                String.valueOf((change.after() != null ? change.after() : change.before()).id()),
                change.before(),
                change.after());
    }
}
