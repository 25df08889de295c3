package org.dealerplatform.notification.outbound;

import java.util.List;

/** Why a customer is contacted (NOT-2), and the channels that suit that reason, in default order. */
public enum Purpose {
    MAINTENANCE_DUE(List.of(Channel.SMS, Channel.EMAIL, Channel.LETTER, Channel.PHONE)),
    CAMPAIGN_INVITATION(List.of(Channel.SMS, Channel.EMAIL, Channel.LETTER)),
    FOLLOW_UP_CALL(List.of(Channel.PHONE)),
    OTHER(List.of(Channel.SMS, Channel.EMAIL));

    private final List<Channel> channels;

    Purpose(List<Channel> channels) {
        this.channels = channels;
    }

    /** The channels this reason may use, in the order tried when the customer states no preference. */
    public List<Channel> channels() {
        return channels;
    }
}
