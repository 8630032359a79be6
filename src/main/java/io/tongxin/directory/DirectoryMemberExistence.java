package io.tongxin.directory;

import io.tongxin.security.TokenService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.OptionalLong;

/** Lets the token service bind member tokens to member rows that exist. */
@ApplicationScoped
class DirectoryMemberExistence implements TokenService.MemberExistence {

    @Inject
    MemberService members;

    @Override
    public OptionalLong idOf(String memberCode) {
        return members.find(memberCode).map(m -> OptionalLong.of(m.id)).orElse(OptionalLong.empty());
    }
}
