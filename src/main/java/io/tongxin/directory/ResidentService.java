package io.tongxin.directory;

import io.tongxin.channel.ChannelService;
import io.tongxin.shared.ListResult;
import io.tongxin.shared.Paging;
import io.tongxin.shared.Phones;
import io.tongxin.shared.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.regex.Pattern;

/** Residents (居民). Phones are stored in clear and only ever shown masked. */
@ApplicationScoped
class ResidentService extends CodedService<Resident, ResidentDto> {

    private static final Pattern PHONE = Pattern.compile("\\+?[0-9]{5,20}");
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    ChannelService channels;

    ResidentService() {
        super(Resident.class, "resident");
    }

    /** Filters for the resident list; every one is optional. */
    record Filter(String q, String channelKey, String userId) {}

    ListResult<ResidentDto> list(Filter f, Paging page) {
        return page(
                new Where()
                        .when(f.channelKey(), "e.channelKey = :channel", "channel")
                        .when(f.userId(), "e.userId = :user", "user")
                        .contains(f.q(), "e.displayName", "e.code"),
                page);
    }

    /** Creates a resident; one without a code gets a generated one ({@code r-} and ten random characters). */
    @Override
    ResidentDto create(ResidentDto dto) {
        if (dto.code() == null || dto.code().isBlank()) {
            dto = new ResidentDto(newCode(), dto.channelKey(), dto.userId(), dto.displayName(), dto.phone());
        }
        return super.create(dto);
    }

    Optional<Resident> byIdentity(String channelKey, String userId) {
        return em
                .createQuery("from Resident where channelKey = :channel and userId = :user", Resident.class)
                .setParameter("channel", channelKey)
                .setParameter("user", userId)
                .getResultList() // a list, not a stream: no scrollable result left open until the transaction ends
                .stream()
                .findFirst();
    }

    static String newCode() {
        StringBuilder sb = new StringBuilder("r-");
        for (int i = 0; i < 10; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    @Override
    Resident newEntity() {
        return new Resident();
    }

    @Override
    String codeOf(ResidentDto dto) {
        return dto.code();
    }

    @Override
    void apply(Resident r, ResidentDto dto) {
        Violations v = new Violations();
        String channel = Violations.strip(dto.channelKey());
        String user = Violations.strip(dto.userId());
        if (channel != null && user == null) {
            v.add("userId", "is required together with channelKey");
        } else if (channel == null && user != null) {
            v.add("channelKey", "is required together with userId");
        } else if (channel != null && channels.find(channel).isEmpty()) {
            v.add("channelKey", "no channel with key '" + channel + "'");
        }
        String phone = Violations.strip(dto.phone());
        if (phone != null && r.phone != null && phone.equals(Phones.mask(r.phone))) {
            phone = r.phone; // the masked value sent back: keep the stored number
        } else if (phone != null) {
            phone = phone.replaceAll("[\\s-]", "");
            if (!PHONE.matcher(phone).matches()) {
                v.add("phone", "must be a phone number of 5 to 20 digits");
            }
        }
        v.throwIfAny();
        if (channel != null) {
            byIdentity(channel, user)
                    .filter(other -> !other.code.equals(r.code))
                    .ifPresent(other -> {
                        throw ProblemException.conflict("the identity " + user + " on channel '" + channel
                                + "' already belongs to resident '" + other.code + "'");
                    });
        }
        r.channelKey = channel;
        r.userId = user;
        r.displayName = Violations.strip(dto.displayName());
        r.phone = phone;
    }

    @Override
    ResidentDto view(Resident r) {
        return new ResidentDto(r.code, r.channelKey, r.userId, r.displayName, Phones.mask(r.phone));
    }

    @Override
    Object state(Resident r) {
        return new ResidentDto(r.code, r.channelKey, r.userId, r.displayName, r.phone);
    }
}
