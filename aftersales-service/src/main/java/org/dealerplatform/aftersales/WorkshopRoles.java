package org.dealerplatform.aftersales;

import org.dealerplatform.platform.security.Caller;
import org.dealerplatform.platform.security.Role;
import org.springframework.security.access.AccessDeniedException;

/** Who may change after-sales records: the workshop's service advisors, the branch manager and HQ (not sales staff). */
public final class WorkshopRoles {

    private WorkshopRoles() {
    }

    public static void requireWorkshopStaff(Caller caller) {
        if (!caller.isHq() && !caller.hasRole(Role.SERVICE_ADVISOR) && !caller.hasRole(Role.BRANCH_MANAGER)) {
            throw new AccessDeniedException("only service advisors, the branch manager or HQ record after-sales work");
        }
    }
}
