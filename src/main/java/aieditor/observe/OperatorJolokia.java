package aieditor.observe;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import org.jolokia.json.JSONStructure;
import org.jolokia.server.core.config.ConfigKey;
import org.jolokia.server.core.config.StaticConfiguration;
import org.jolokia.server.core.http.HttpRequestHandler;
import org.jolokia.server.core.restrictor.AllowAllRestrictor;
import org.jolokia.server.core.service.JolokiaServiceManagerFactory;
import org.jolokia.server.core.service.api.JolokiaServiceManager;
import org.jolokia.service.jmx.LocalRequestHandler;
import org.jolokia.service.serializer.JolokiaSerializer;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * A second Jolokia agent, without the read-only policy of jolokia-access.xml, for operators who authenticated:
 * Camel's agent reads that policy once for every caller, so credentials cannot widen it.
 */
final class OperatorJolokia implements Handler<RoutingContext> {
    private final JolokiaServiceManager manager;
    private HttpRequestHandler requests;

    OperatorJolokia() {
        manager = JolokiaServiceManagerFactory.createJolokiaServiceManager(
                new StaticConfiguration(ConfigKey.AGENT_ID, "ai-editor-operator"), new JolokiaLog(),
                new AllowAllRestrictor());
        manager.addService(new JolokiaSerializer());
        manager.addService(new LocalRequestHandler(1));
    }

    void start() {
        requests = new HttpRequestHandler(manager.start());
    }

    void stop() {
        manager.stop();
    }

    @Override
    public void handle(RoutingContext ctx) {
        JSONStructure answer;
        int status = 200;
        try {
            Map<String, String[]> params = new HashMap<>();
            ctx.queryParams().names().forEach(n -> params.put(n, ctx.queryParams().getAll(n).toArray(String[]::new)));
            if (ctx.request().method() == HttpMethod.GET) {
                answer = requests.handleGetRequest(ctx.request().uri(), JolokiaRequests.pathInfo(ctx), params);
            } else {
                answer = requests.handlePostRequest(ctx.request().uri(),
                        new ByteArrayInputStream(ctx.body().buffer().getBytes()), StandardCharsets.UTF_8.name(), params);
            }
        } catch (Exception e) {
            status = 500;
            answer = requests.handleThrowable(e);
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(answer.toJSONString());
    }
}
