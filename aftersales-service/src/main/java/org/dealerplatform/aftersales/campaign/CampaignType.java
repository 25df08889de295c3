package org.dealerplatform.aftersales.campaign;

/** The kinds of after-sales campaigns (AFT-4) and VIP activities (AFT-6). */
public enum CampaignType {
    FREE_TESTING_WEEK, PREFERENTIAL_SERVICE_MONTH, KNOWLEDGE_PARTY, VIP_TECHNICAL_SEMINAR, VIP_RETURN_VISIT;

    /** VIP activities invite VIP customers unless the audience rule names classes itself (AFT-6). */
    public boolean forVips() {
        return this == VIP_TECHNICAL_SEMINAR || this == VIP_RETURN_VISIT;
    }
}
