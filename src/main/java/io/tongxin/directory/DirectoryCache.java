package io.tongxin.directory;

import io.tongxin.shared.ReferenceCache;
import io.tongxin.shared.ReferenceCacheConfig;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * The directory's reference data read on every processed message ({@link Directory#findGroupByChat},
 * {@link Directory#findCommunity}, {@link Directory#findWorkstation}, the names of communities and
 * workstations), per instance for {@code tongxin.reference-cache.ttl}. Every directory change made
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

    ReferenceCache<Chat, GroupInfo> groupsByChat;
    ReferenceCache<String, CommunityInfo> communities;
    ReferenceCache<String, WorkstationInfo> workstations;
    ReferenceCache<String, String> communityNames;
    ReferenceCache<String, String> workstationNames;

    @PostConstruct
    void create() {
        groupsByChat = new ReferenceCache<>(config.ttl(), 10_000);
        communities = new ReferenceCache<>(config.ttl(), 10_000);
        workstations = new ReferenceCache<>(config.ttl(), 10_000);
        communityNames = new ReferenceCache<>(config.ttl(), 10_000);
        workstationNames = new ReferenceCache<>(config.ttl(), 10_000);
    }

    /** Something in the directory changed: forget everything cached. */
    void changed() {
        groupsByChat.invalidateAll(transactions);
        communities.invalidateAll(transactions);
        workstations.invalidateAll(transactions);
        communityNames.invalidateAll(transactions);
        workstationNames.invalidateAll(transactions);
    }
}
