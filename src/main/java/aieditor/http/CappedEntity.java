package aieditor.http;

import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.HttpEntityWrapper;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A response body that ends in an {@link CallCutOff} once it goes over maxBytes, so whoever reads it (camel-http
 * copies it into memory) never holds more than that. Read failures after a deadline or an abort become a
 * CallCutOff too, saying why the connection went away.
 */
final class CappedEntity extends HttpEntityWrapper {
    private final CallLimits limits;
    private final ExecChain.Scope call;
    private CappedStream content;

    CappedEntity(HttpEntity body, CallLimits limits, ExecChain.Scope call) {
        super(body);
        this.limits = limits;
        this.call = call;
    }

    // one stream however often it is asked for: camel-http reads it, then closes it again through the entity
    @Override
    public synchronized InputStream getContent() throws IOException {
        if (content == null) {
            content = new CappedStream(super.getContent());
        }
        return content;
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        try (InputStream in = getContent()) {
            in.transferTo(out);
        }
    }

    @Override
    public boolean isRepeatable() {
        return false;
    }

    private final class CappedStream extends FilterInputStream {
        private long count;
        private boolean overflowed;

        CappedStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (overflowed) {
                throw CallCutOff.tooLarge(limits.maxBytes());
            }
            int n;
            try {
                // one byte past the cap is all it takes to know the body is too large
                n = super.read(b, off, (int) Math.min(len, limits.maxBytes() - count + 1));
            } catch (IOException e) {
                limits.finished(call);
                throw limits.cutOff() != null && !(e instanceof CallCutOff) ? CallCutOff.of(limits, e) : e;
            }
            if (n < 0) {
                limits.finished(call);
                return n;
            }
            count += n;
            if (count > limits.maxBytes()) {
                overflowed = true;
                // closed now, so closing the stream later does not read the rest of an endless body to reuse the connection
                CallLimits.abort(call);
                limits.finished(call);
                throw CallCutOff.tooLarge(limits.maxBytes());
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            int skipped = read(new byte[(int) Math.min(n, 8192)], 0, (int) Math.min(n, 8192));
            return Math.max(skipped, 0);
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } catch (IOException e) {
                // the connection we closed ourselves cannot be drained: nothing is lost
                if (!overflowed && limits.cutOff() == null) {
                    throw e;
                }
            } finally {
                limits.finished(call);
            }
        }
    }
}
