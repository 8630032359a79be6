package io.tongxin.directory;

import io.tongxin.shared.ReferenceCache;
import io.tongxin.shared.ReferenceCacheConfig;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The directory's reference data read on every processed message ({@link Directory#findGroupByChat},
 * {@link Directory#findCommunity}, {@link Directory#findWorkstation}, {@link Directory#communitiesRecent}, the names of communities and
 * workstations, the "recent" member reads such as {@link Directory#membersServingCommunityRecent}), per instance for {@code tongxin.reference-cache.ttl}. Every directory change made
 * through {@link CodedService} forgets all of it (at the write and after its transaction), so this
 * instance shows a change at once; another instance within the TTL.
 */
@Singleton // no client proxy: Directory and CodedService read its fields
class DirectoryCache {

    /** A chat on a channel. */
    record Chat(String channelKey, String chatId) {}

    @Inject
    ReferenceCacheConfig config;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    io.tongxin.shared.KnownAbsent absent;

    ReferenceCache<Chat, GroupInfo> groupsByChat;
    ReferenceCache<String, CommunityInfo> communities;
    /** {@link Directory#communitiesRecent}: one entry, every community. */
    ReferenceCache<Boolean, List<CommunityInfo>> allCommunities;

    ReferenceCache<String, WorkstationInfo> workstations;
    ReferenceCache<String, String> communityNames;
    ReferenceCache<String, String> workstationNames;
    ReferenceCache<String, MemberInfo> members;
    ReferenceCache<String, List<MemberInfo>> membersServingCommunity;
    ReferenceCache<String, List<MemberInfo>> membersOfWorkstation;
    ReferenceCache<String, List<MemberInfo>> membersOfSector;

    @PostConstruct
    void create() {
        groupsByChat = new ReferenceCache<>(config.ttl(), 10_000);
        communities = new ReferenceCache<>(config.ttl(), 10_000);
        allCommunities = new ReferenceCache<>(config.ttl(), 1);
        workstations = new ReferenceCache<>(config.ttl(), 10_000);
        communityNames = new ReferenceCache<>(config.ttl(), 10_000);
        workstationNames = new ReferenceCache<>(config.ttl(), 10_000);
        members = new ReferenceCache<>(config.ttl(), 10_000);
        membersServingCommunity = new ReferenceCache<>(config.ttl(), 10_000);
        membersOfWorkstation = new ReferenceCache<>(config.ttl(), 10_000);
        membersOfSector = new ReferenceCache<>(config.ttl(), 10_000);
    }

    /** The transaction resource: residents this transaction found or created by identity, by code. */
    private static final Object RESIDENTS_IN_TRANSACTION = new Object();

    /**
     * Keeps a resident the current transaction found or created ({@link Directory#findOrCreateResident}),
     * so filing the report reads it by code without a query; answers it.
     */
    ResidentInfo rememberInTransaction(ResidentInfo r) {
        if (transactions.getTransactionStatus() == Status.STATUS_ACTIVE) {
            @SuppressWarnings("unchecked")
            Map<String, ResidentInfo> known =
                    (Map<String, ResidentInfo>) transactions.getResource(RESIDENTS_IN_TRANSACTION);
            if (known == null) {
                known = new HashMap<>();
                transactions.putResource(RESIDENTS_IN_TRANSACTION, known);
            }
            known.put(r.code(), r);
        }
        return r;
    }

    /** The resident the current transaction found or created with this code, or null. */
    ResidentInfo residentInTransaction(String code) {
        if (code == null || transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            return null;
        }
        @SuppressWarnings("unchecked")
        Map<String, ResidentInfo> known =
                (Map<String, ResidentInfo>) transactions.getResource(RESIDENTS_IN_TRANSACTION);
        return known == null ? null : known.get(code);
    }

    /** Something in the directory changed: forget everything cached. */
    void changed() {
        if (transactions.getTransactionStatus() == Status.STATUS_ACTIVE
                && transactions.getResource(RESIDENTS_IN_TRANSACTION) instanceof Map<?, ?> known) {
            known.clear(); // a resident written through the directory's admin API is read again
        }
        absent.forget(Directory.MEMBER_IDENTITY); // as is an identity a batch read found without one
        absent.forget(Directory.RESIDENT_IDENTITY);
        absent.forget(Directory.PAIRING_OF_RESIDENT);
        groupsByChat.invalidateAll(transactions);
        communities.invalidateAll(transactions);
        allCommunities.invalidateAll(transactions);
        workstations.invalidateAll(transactions);
        communityNames.invalidateAll(transactions);
        workstationNames.invalidateAll(transactions);
        members.invalidateAll(transactions);
        membersServingCommunity.invalidateAll(transactions);
        membersOfWorkstation.invalidateAll(transactions);
        membersOfSector.invalidateAll(transactions);
    }
}
