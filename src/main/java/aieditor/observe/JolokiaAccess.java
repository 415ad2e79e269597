package aieditor.observe;

import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.impl.BlockingHandlerDecorator;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts {@link JolokiaGuard} in front of the management server's Jolokia route once the server is up, and runs the
 * operators' agent for as long as the Camel context does.
 */
final class JolokiaAccess extends ServiceSupport implements StartupListener {
    private static final Logger LOG = LoggerFactory.getLogger(JolokiaAccess.class);

    private final String username;
    private final String password;
    private final OperatorJolokia operator = new OperatorJolokia();
    private boolean mounted;

    JolokiaAccess(String username, String password) {
        this.username = username;
        this.password = password;
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        ManagementHttpServer server = context.hasService(ManagementHttpServer.class);
        if (mounted || server == null || !server.isJolokiaEnabled() || server.getRouter() == null) {
            return;
        }
        operator.start();
        // order -1: ahead of Camel's own Jolokia route, which was added first
        server.getRouter().route(server.getJolokiaPath() + "/*").order(-1)
                .handler(BodyHandler.create(false))
                .handler(new JolokiaGuard(username, password, new BlockingHandlerDecorator(operator, true)));
        mounted = true;
        LOG.info("Jolokia at {}: anonymous read-only from this machine, {}.", server.getJolokiaPath(),
                username.isBlank() || password.isBlank() ? "no operator credentials set (remote and write access refused)"
                        : "operators with Basic credentials");
    }

    @Override
    protected void doStop() {
        if (mounted) {
            operator.stop();
        }
    }
}
