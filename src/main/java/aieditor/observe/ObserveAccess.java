package aieditor.observe;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.jolokia.server.core.request.JolokiaExecRequest;
import org.jolokia.server.core.request.JolokiaRequest;
import org.jolokia.server.core.util.RequestType;

import javax.management.MBeanOperationInfo;
import javax.management.MBeanParameterInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Who may see what under /observe: the one policy behind Jolokia, /observe/info, /observe/metrics and the details of
 * /observe/health. A caller from a trusted address (this machine, by default) may read without credentials,
 * Hawtio's read-only operations included; an operator with the Basic credentials (jolokia.username and
 * jolokia.password) may read from anywhere and change things through Jolokia; anybody else gets the health status
 * that load balancers and Render's health check need, and nothing more.
 */
public final class ObserveAccess {
    /** Who sent a request, as far as access goes. */
    public enum Caller {
        /** Sent the operator's credentials. */
        OPERATOR,
        /** No credentials, from a trusted address. */
        LOCAL,
        /** No credentials, from anywhere else. */
        REMOTE,
        /** Sent credentials that are not the operator's (or there are none to match). */
        WRONG_CREDENTIALS
    }

    /** Request types an anonymous local reader may send; exec only for the operations below. */
    private static final Set<RequestType> READ_TYPES = Set.of(RequestType.READ, RequestType.LIST, RequestType.SEARCH,
            RequestType.VERSION, RequestType.EXEC);

    /**
     * Camel's operations that only read, by the type of MBean they are on, with their exact signatures: what
     * Hawtio 4 runs for the route diagram (dumpRoutesAsXml, dumpRoute(s)StatsAsXml), the source, the statistics,
     * the endpoints, REST services and in-flight exchanges. Left out on purpose: the dumps that resolve
     * placeholders (dumpRoutesAsXml(boolean) and the like: the providers' keys are placeholders in the routes)
     * and anything that shows message content (tracer, debugger, browsing endpoints).
     */
    private static final Map<String, Set<String>> CAMEL_READ_OPERATIONS = Map.of(
            "context", Set.of("dumpRoutesAsXml()", "dumpRoutesAsYaml()", "dumpRestsAsXml()", "dumpRouteTemplatesAsXml()",
                    "dumpRoutesStatsAsXml(boolean,boolean)", "dumpRouteStatsAsJSon(boolean,boolean)",
                    "dumpStepStatsAsXml(boolean)", "dumpRoutesCoverageAsXml()", "dumpStatsAsXml(boolean)",
                    "dumpStatsAsJSon(boolean)", "componentNames()", "languageNames()", "dataFormatNames()", "routeIds()",
                    "routeGroups()", "canSendToEndpoint(java.lang.String)"),
            "routes", Set.of("dumpRouteAsXml()", "dumpRouteAsYaml()", "dumpRouteStatsAsXml(boolean,boolean)",
                    "dumpRouteStatsAsJSon(boolean,boolean)", "dumpStepStatsAsXml(boolean)",
                    "dumpRouteSourceLocationsAsXml()", "dumpStatsAsXml(boolean)", "dumpStatsAsJSon(boolean)",
                    "processorIds()", "isUpdateRouteEnabled()"),
            "processors", Set.of("dumpProcessorAsXml()", "dumpStatsAsXml(boolean)", "dumpStatsAsJSon(boolean)"),
            "steps", Set.of("dumpProcessorAsXml()", "dumpStatsAsXml(boolean)", "dumpStatsAsJSon(boolean)"),
            // the runtime endpoint registry, the REST registry, in-flight and blocked exchanges (ids and times)
            "services", Set.of("endpointStatistics()", "listRestServices()", "browse()", "browse(int,boolean)",
                    "browse(java.lang.String,int,boolean)", "size(java.lang.String)"));

    /** Thread stacks for Hawtio's Threads view: read-only, no data of the pipeline. */
    private static final Map<ObjectName, Set<String>> JVM_READ_OPERATIONS = Map.of(
            name("java.lang:type=Threading"), Set.of("dumpAllThreads(boolean,boolean)", "findDeadlockedThreads()"));

    /** Where a password given as -D... on the command line would show: not for anonymous readers. */
    private static final ObjectName RUNTIME = name("java.lang:type=Runtime");
    private static final Set<String> RUNTIME_HIDDEN = Set.of("SystemProperties", "InputArguments");

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final String LOOPBACK = "loopback";

    private final byte[] expected;
    private final boolean anyLoopback;
    private final Set<InetAddress> trusted;
    private final MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();

    /**
     * @param username         with a blank username or password nobody is an operator
     * @param trustedAddresses comma-separated IP addresses, and {@code loopback} for every loopback address;
     *                         blank: no address is trusted
     */
    public ObserveAccess(String username, String password, String trustedAddresses) {
        this.expected = username.isBlank() || password.isBlank() ? null
                : Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8))
                        .getBytes(StandardCharsets.US_ASCII);
        Set<String> entries = Arrays.stream(trustedAddresses.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toSet());
        this.anyLoopback = entries.remove(LOOPBACK);
        this.trusted = new HashSet<>();
        for (String entry : entries) {
            trusted.add(ipLiteral(entry));
        }
    }

    public boolean hasOperators() {
        return expected != null;
    }

    /** Says in words which callers get in without credentials, for the startup log. */
    String trustedDescription() {
        if (!anyLoopback && trusted.isEmpty()) {
            return "no address";
        }
        String addresses = trusted.stream().map(InetAddress::getHostAddress).sorted().collect(Collectors.joining(", "));
        return anyLoopback ? (addresses.isEmpty() ? "this machine" : "this machine and " + addresses) : addresses;
    }

    public Caller caller(HttpServerRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null) {
            return isOperator(authorization) ? Caller.OPERATOR : Caller.WRONG_CREDENTIALS;
        }
        return request.remoteAddress() != null && isTrusted(request.remoteAddress().host()) ? Caller.LOCAL : Caller.REMOTE;
    }

    /** Info, metrics and health details: what the process is, who runs it, where, and every check's data. */
    public boolean maySeeDetails(Caller caller) {
        return caller == Caller.OPERATOR || caller == Caller.LOCAL;
    }

    /**
     * Null when an anonymous local reader may send all these Jolokia requests (an empty bulk included), else why not
     * in words. Anything the agent would run that changes something needs the operator.
     */
    public String refusalForReader(List<JolokiaRequest> requests) {
        for (JolokiaRequest request : requests) {
            if (!READ_TYPES.contains(request.getType())) {
                return "Jolokia " + request.getType().getName() + " requests change things and need the operator's credentials.";
            }
            if (request instanceof JolokiaExecRequest exec && !readerMayExec(exec.getObjectName(), exec.getOperation())) {
                return "The operation " + exec.getOperation() + " is not one of the read-only operations open without "
                        + "credentials; it needs the operator's credentials.";
            }
        }
        return null;
    }

    /**
     * Whether an anonymous local reader may run this operation: one of the read-only operations above, or one the
     * agent would not run at all (no such MBean or operation: the agent says so). Given by name only, every overload
     * of that name must be read-only, since the agent picks one by the arguments.
     */
    public boolean readerMayExec(ObjectName mbean, String operation) {
        if (mbean == null || mbean.isPattern() || operation == null) {
            return false;
        }
        String op = WHITESPACE.matcher(operation).replaceAll("");
        Set<String> allowed = readOperations(mbean);
        if (!mbeans.isRegistered(mbean)) {
            return true;
        }
        List<String> signatures;
        try {
            signatures = Arrays.stream(mbeans.getMBeanInfo(mbean).getOperations()).map(ObserveAccess::signature).toList();
        } catch (Exception e) {
            return false;
        }
        if (op.contains("(")) {
            return !signatures.contains(op) || allowed.contains(op);
        }
        List<String> overloads = signatures.stream().filter(s -> s.startsWith(op + "(")).toList();
        return allowed.containsAll(overloads);
    }

    /** Every attribute an anonymous reader may read but the command line and system properties. */
    public boolean readerMayRead(ObjectName mbean, String attribute) {
        return mbean == null || attribute == null || !RUNTIME.apply(mbean) || !RUNTIME_HIDDEN.contains(attribute);
    }

    /** Why an anonymous caller from an address that is not trusted is refused, in words. */
    String strangerRefusal(String what) {
        String who = trustedDescription();
        return what + (who.equals("no address") ? " answers no anonymous request (observe.trusted-addresses is empty)"
                : " answers anonymous requests from " + who + " only") + "; send the operator's credentials.";
    }

    /**
     * Refuses a request with a JSON message: 401 with a Basic challenge where there are operator credentials to
     * ask for, 403 where there are none.
     */
    void refuse(RoutingContext ctx, Caller caller, String why) {
        String message = caller == Caller.WRONG_CREDENTIALS ? "Wrong credentials." : why;
        if (!hasOperators()) {
            message += " There are none: no operator credentials are configured (JOLOKIA_USERNAME, JOLOKIA_PASSWORD).";
        }
        if (hasOperators()) {
            ctx.response().putHeader("WWW-Authenticate", "Basic realm=\"ai-editor observe\", charset=\"UTF-8\"");
        }
        ctx.response().setStatusCode(hasOperators() ? 401 : 403)
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .end(new JsonObject().put("error", message).encode());
    }

    private Set<String> readOperations(ObjectName mbean) {
        if ("org.apache.camel".equals(mbean.getDomain())) {
            return CAMEL_READ_OPERATIONS.getOrDefault(mbean.getKeyProperty("type"), Set.of());
        }
        return JVM_READ_OPERATIONS.getOrDefault(mbean, Set.of());
    }

    private static String signature(MBeanOperationInfo operation) {
        return operation.getName() + Arrays.stream(operation.getSignature()).map(MBeanParameterInfo::getType)
                .collect(Collectors.joining(",", "(", ")"));
    }

    private boolean isOperator(String authorization) {
        // the scheme is case-insensitive (RFC 7235)
        String[] parts = authorization.trim().split("\\s+", 2);
        return expected != null && parts.length == 2 && parts[0].toLowerCase(Locale.ROOT).equals("basic")
                && MessageDigest.isEqual(expected, parts[1].trim().getBytes(StandardCharsets.US_ASCII));
    }

    private boolean isTrusted(String host) {
        try {
            // Vert.x gives the peer's address as an IP literal: no name lookup happens here
            InetAddress address = InetAddress.getByName(host);
            return anyLoopback && address.isLoopbackAddress() || trusted.contains(address);
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static InetAddress ipLiteral(String entry) {
        if (!entry.matches("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
            throw new IllegalArgumentException("observe.trusted-addresses takes IP addresses and 'loopback', not '"
                    + entry + "'.");
        }
        try {
            return InetAddress.getByName(entry);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("observe.trusted-addresses: '" + entry + "' is not an IP address.");
        }
    }

    private static ObjectName name(String name) {
        try {
            return new ObjectName(name);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
