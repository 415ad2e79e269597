package aieditor.observe;

import org.jolokia.server.core.service.api.LogHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Our Jolokia agents log like the rest of the application; their chatter stays at debug. */
final class JolokiaLog implements LogHandler {
    private static final Logger LOG = LoggerFactory.getLogger(JolokiaAgent.class);

    @Override
    public void debug(String message) {
        LOG.debug(message);
    }

    @Override
    public void info(String message) {
        LOG.debug(message);
    }

    @Override
    public void error(String message, Throwable t) {
        LOG.error(message, t);
    }

    @Override
    public boolean isDebug() {
        return LOG.isDebugEnabled();
    }
}
