package aieditor.observe;

import org.jolokia.server.core.service.api.LogHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The operators' Jolokia agent logs like the rest of the application; its chatter stays at debug. */
final class JolokiaLog implements LogHandler {
    private static final Logger LOG = LoggerFactory.getLogger(OperatorJolokia.class);

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
