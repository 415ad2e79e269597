package aieditor.observe;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import org.jolokia.json.JSONArray;
import org.jolokia.json.JSONObject;
import org.jolokia.json.JSONStructure;
import org.jolokia.json.parser.JSONParser;
import org.jolokia.server.core.config.ConfigKey;
import org.jolokia.server.core.config.StaticConfiguration;
import org.jolokia.server.core.http.HttpRequestHandler;
import org.jolokia.server.core.request.BadRequestException;
import org.jolokia.server.core.request.JolokiaRequest;
import org.jolokia.server.core.request.JolokiaRequestFactory;
import org.jolokia.server.core.request.ProcessingParameters;
import org.jolokia.server.core.service.JolokiaServiceManagerFactory;
import org.jolokia.server.core.service.api.JolokiaServiceManager;
import org.jolokia.server.core.service.api.Restrictor;
import org.jolokia.service.jmx.LocalRequestHandler;
import org.jolokia.service.serializer.JolokiaSerializer;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Jolokia agent of our own behind {@link JolokiaGuard}: one for operators (no restriction) and one for anonymous
 * local readers (restricted by {@link ReaderRestrictor}). Camel's agent reads jolokia-access.xml once for every
 * caller, so credentials cannot widen it, and its replies name Java classes; these answer errors in words
 * ({@link JolokiaErrors}).
 */
final class JolokiaAgent implements Handler<RoutingContext> {
    private final JolokiaServiceManager manager;
    private HttpRequestHandler requests;

    JolokiaAgent(String id, Restrictor restrictor) {
        manager = JolokiaServiceManagerFactory.createJolokiaServiceManager(
                new StaticConfiguration(ConfigKey.AGENT_ID, id, ConfigKey.INCLUDE_STACKTRACE, "false",
                        ConfigKey.ALLOW_ERROR_DETAILS, "false"), new JolokiaLog(), restrictor);
        manager.addService(new JolokiaSerializer());
        manager.addService(new LocalRequestHandler(1));
    }

    void start() {
        requests = new HttpRequestHandler(manager.start());
    }

    void stop() {
        manager.stop();
    }

    /** The requests in it, read the way this agent will read them (GET path or p parameter, JSON body, bulk). */
    List<JolokiaRequest> parse(RoutingContext ctx) throws Exception {
        ProcessingParameters params = requests.getProcessingParameter(queryParams(ctx));
        if (ctx.request().method() == HttpMethod.GET) {
            return List.of(JolokiaRequestFactory.createGetRequest(JolokiaRequests.pathInfo(ctx), params));
        }
        Object json = new JSONParser().parse(ctx.body().asString(StandardCharsets.UTF_8.name()));
        if (json instanceof JSONArray bulk) {
            return JolokiaRequestFactory.createPostRequests(bulk, params);
        }
        if (json instanceof JSONObject single) {
            return List.of(JolokiaRequestFactory.createPostRequest(single, params));
        }
        throw new IllegalArgumentException("neither a request nor a list of requests");
    }

    @Override
    public void handle(RoutingContext ctx) {
        JSONStructure answer;
        int status = 200;
        try {
            Map<String, String[]> params = queryParams(ctx);
            if (ctx.request().method() == HttpMethod.GET) {
                answer = requests.handleGetRequest(ctx.request().uri(), JolokiaRequests.pathInfo(ctx), params);
            } else {
                answer = requests.handlePostRequest(ctx.request().uri(),
                        new ByteArrayInputStream(ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes()),
                        StandardCharsets.UTF_8.name(), params);
            }
        } catch (Exception e) {
            answer = requests.handleThrowable(e);
            // a body that is not JSON, or not Jolokia's, is the client's mistake
            status = e instanceof BadRequestException || e instanceof IllegalArgumentException || !parses(ctx) ? 400 : 500;
            if (answer instanceof JSONObject error) {
                error.put("status", status);
            }
        }
        JolokiaErrors.inWords(answer);
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(answer.toJSONString());
    }

    private static boolean parses(RoutingContext ctx) {
        if (ctx.request().method() == HttpMethod.GET) {
            return true;
        }
        try {
            new JSONParser().parse(ctx.body().asString(StandardCharsets.UTF_8.name()));
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static Map<String, String[]> queryParams(RoutingContext ctx) {
        Map<String, String[]> params = new HashMap<>();
        ctx.queryParams().names().forEach(n -> params.put(n, ctx.queryParams().getAll(n).toArray(String[]::new)));
        return params;
    }
}
