package org.dealerplatform.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;

import org.dealerplatform.platform.web.NotFoundException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

class CallerTest {

    final Caller nanjingSales = new Caller("alice", Set.of(Role.SALES), "JS-NJ-01");
    final Caller hq = new Caller("boss", Set.of(Role.HQ), null);

    @Test
    @DisplayName("GW-2 a branch user sees only their own branch; HQ sees every branch")
    void visibility() {
        assertThat(nanjingSales.canSee("JS-NJ-01")).isTrue();
        assertThat(nanjingSales.canSee("ZJ-HZ-01")).isFalse();
        assertThat(hq.canSee("ZJ-HZ-01")).isTrue();
        assertThatThrownBy(() -> nanjingSales.requireVisible("ZJ-HZ-01", "customer", "c1"))
                .isInstanceOf(NotFoundException.class).hasMessage("customer c1 was not found");
    }

    @Test
    @DisplayName("GW-2 the branch query criteria restrict branch users and leave HQ unrestricted")
    void scopeCriteria() {
        assertThat(BranchScope.of(nanjingSales).getCriteriaObject().toJson()).contains("\"branchId\": \"JS-NJ-01\"");
        assertThat(BranchScope.of(hq).getCriteriaObject()).isEmpty();
    }

    @Test
    @DisplayName("GW-2 new records go to the caller's branch; another branch is refused; HQ must name one")
    void branchOfNewRecords() {
        assertThat(nanjingSales.branchForNewRecord(null)).isEqualTo("JS-NJ-01");
        assertThat(nanjingSales.branchForNewRecord("JS-NJ-01")).isEqualTo("JS-NJ-01");
        assertThatThrownBy(() -> nanjingSales.branchForNewRecord("ZJ-HZ-01")).isInstanceOf(Caller.ForeignBranchException.class);
        assertThat(hq.branchForNewRecord("ZJ-HZ-01")).isEqualTo("ZJ-HZ-01");
        assertThatThrownBy(() -> hq.branchForNewRecord(" ")).isInstanceOf(Caller.BranchRequiredException.class);
    }

    @Test
    @DisplayName("UI-1 the caller carries the token's salespersonId link; tokens without one give no link")
    void salespersonLink() {
        Jwt salesperson = Jwt.withTokenValue("t").header("alg", "RS256").subject("nj.sales1")
                .claim("roles", List.of("SALES", "SOMETHING_ELSE")).claim("branchId", "JS-NJ-01")
                .claim("salespersonId", "sp-js-nj-01-1").build();

        Caller caller = CallerArgumentResolver.fromJwt(salesperson);

        assertThat(caller.salespersonId()).isEqualTo("sp-js-nj-01-1");
        assertThat(caller.salesperson()).contains("sp-js-nj-01-1");
        assertThat(caller.roles()).containsExactly(Role.SALES);
        assertThat(caller.branchId()).isEqualTo("JS-NJ-01");
        assertThat(nanjingSales.salesperson()).isEmpty();
    }
}
