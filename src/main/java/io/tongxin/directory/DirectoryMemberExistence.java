package io.tongxin.directory;

import io.tongxin.security.TokenService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Lets the token service mint member tokens only for members that exist. */
@ApplicationScoped
class DirectoryMemberExistence implements TokenService.MemberExistence {

    @Inject
    MemberService members;

    @Override
    public boolean exists(String memberCode) {
        return members.exists(memberCode);
    }
}
