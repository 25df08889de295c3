package org.dealerplatform.local;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * An SMTP server that accepts every e-mail and keeps it in memory (GreenMail), so notification-service can send
 * e-mail reminders on a developer's machine as compose sends them to Mailpit.
 */
final class SmtpSink implements AutoCloseable {

    private final GreenMail server;

    private SmtpSink(GreenMail server) {
        this.server = server;
    }

    static SmtpSink start(String host) {
        GreenMail server = new GreenMail(new ServerSetup(0, host, ServerSetup.PROTOCOL_SMTP).dynamicPort());
        server.start();
        return new SmtpSink(server);
    }

    int port() {
        return server.getSmtp().getPort();
    }

    /** E-mails received since start. */
    int received() {
        return server.getReceivedMessages().length;
    }

    @Override
    public void close() {
        server.stop();
    }
}
