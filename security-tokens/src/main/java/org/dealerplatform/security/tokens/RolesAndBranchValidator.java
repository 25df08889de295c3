package org.dealerplatform.security.tokens;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * {@code roles} is a non-empty array of known role names, and a token with any branch-bound role names its branch
 * (SEC-1): a branch user without a branch would otherwise match every record whose branch is missing. The optional
 * {@code salespersonId} link (UI-1) is a non-blank string when present.
 */
final class RolesAndBranchValidator implements OAuth2TokenValidator<Jwt> {

    @Override
    public OAuth2TokenValidatorResult validate(Jwt jwt) {
        Object claim = jwt.getClaims().get(TokenPolicy.ROLES_CLAIM);
        if (!(claim instanceof Collection<?> names) || names.isEmpty()) {
            return TokenPolicy.invalid("The roles claim must be a non-empty array of "
                    + Arrays.toString(TokenRole.values()));
        }
        List<TokenRole> roles = new ArrayList<>();
        for (Object name : names) {
            TokenRole role = name instanceof String text ? TokenRole.named(text).orElse(null) : null;
            if (role == null) {
                return TokenPolicy.invalid("The roles claim holds an unknown role; known roles are "
                        + Arrays.toString(TokenRole.values()));
            }
            roles.add(role);
        }
        Object branch = jwt.getClaims().get(TokenPolicy.BRANCH_CLAIM);
        boolean hasBranch = branch instanceof String text && !text.isBlank();
        if (!hasBranch && roles.stream().anyMatch(TokenRole::branchBound)) {
            return TokenPolicy.invalid("A token with a branch role must carry a branchId claim");
        }
        Object salesperson = jwt.getClaims().get(TokenPolicy.SALESPERSON_CLAIM);
        if (salesperson != null && !(salesperson instanceof String text && !text.isBlank())) {
            return TokenPolicy.invalid("The salespersonId claim, when present, must be a non-blank string");
        }
        return OAuth2TokenValidatorResult.success();
    }
}
