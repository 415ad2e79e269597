package aieditor.observe;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.impl.BlockingHandlerDecorator;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;
import org.apache.camel.support.service.ServiceSupport;
import org.jolokia.server.core.restrictor.AllowAllRestrictor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the guards of {@link ObserveAccess} in front of the management server's routes once the server is up -
 * {@link DetailsGuard} before info, metrics and health, {@link JolokiaGuard} before Jolokia - and runs the two
 * Jolokia agents behind the latter for as long as the Camel context does.
 */
public final class ObserveGuards extends ServiceSupport implements StartupListener {
    private static final Logger LOG = LoggerFactory.getLogger(ObserveGuards.class);
    /** Ahead of Camel's own routes for the same paths, which were added first. */
    private static final int FIRST = -1;

    private final ObserveAccess access;
    private final String metricsPath;
    private final JolokiaAgent operator = new JolokiaAgent("ai-editor-operator", new AllowAllRestrictor());
    private final JolokiaAgent reader;
    private boolean agents;
    private boolean mounted;

    public ObserveGuards(ObserveAccess access, String metricsPath) {
        this.access = access;
        this.metricsPath = metricsPath;
        this.reader = new JolokiaAgent("ai-editor-reader", new ReaderRestrictor(access));
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        ManagementHttpServer server = context.hasService(ManagementHttpServer.class);
        if (mounted || server == null || server.getRouter() == null) {
            return;
        }
        Router router = server.getRouter();
        if (server.isInfoEnabled()) {
            router.route(server.getInfoPath()).order(FIRST).handler(new DetailsGuard(access, server.getInfoPath(), false));
        }
        if (server.isMetricsEnabled()) {
            router.route(metricsPath).order(FIRST).handler(new DetailsGuard(access, metricsPath, false));
        }
        if (server.isHealthCheckEnabled()) {
            router.route(server.getHealthPath() + "*").order(FIRST)
                    .handler(new DetailsGuard(access, "Health with details", true));
        }
        if (server.isJolokiaEnabled()) {
            operator.start();
            reader.start();
            agents = true;
            router.route(server.getJolokiaPath() + "/*").order(FIRST)
                    .handler(BodyHandler.create(false))
                    .handler(new JolokiaGuard(access, reader, new BlockingHandlerDecorator(reader, true),
                            new BlockingHandlerDecorator(operator, true)));
        }
        mounted = true;
        LOG.info("Observability: info, metrics, health details and Jolokia (read-only) answer {} without credentials, "
                        + "{}; health status answers everyone.", access.trustedDescription(),
                access.hasOperators() ? "operators with Basic credentials from anywhere (Jolokia: also write and exec)"
                        : "nobody else (no operator credentials set)");
    }

    @Override
    protected void doStop() {
        if (agents) {
            operator.stop();
            reader.stop();
        }
    }
}
