package org.dealerplatform.platform.web;

import java.io.IOException;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;

/**
 * A request body that shows every block of bytes read to {@link #seen} before handing it on: the JSON size limit counts
 * them (SEC-3), the request fingerprint hashes them (REL-7). Reads are synchronous; a read listener goes to the
 * underlying stream.
 */
abstract class ObservedInputStream extends ServletInputStream {

    private final ServletInputStream in;

    ObservedInputStream(ServletInputStream in) {
        this.in = in;
    }

    /** Called with every block read ({@code n} > 0 bytes from {@code offset}); may refuse the body by throwing. */
    protected abstract void seen(byte[] buffer, int offset, int n) throws IOException;

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            seen(new byte[] {(byte) b}, 0, 1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        if (n > 0) {
            seen(buffer, offset, n);
        }
        return n;
    }

    @Override
    public boolean isFinished() {
        return in.isFinished();
    }

    @Override
    public boolean isReady() {
        return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
        in.setReadListener(listener);
    }
}
