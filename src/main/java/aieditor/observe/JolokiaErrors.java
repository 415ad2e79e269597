package aieditor.observe;

import org.jolokia.json.JSONArray;
import org.jolokia.json.JSONObject;
import org.jolokia.json.JSONStructure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jolokia's error replies in words. The agent names the exception's class in {@code error_type} and at the start of
 * {@code error} ("java.lang.reflect.InvocationTargetException : null"), which tells a caller about our insides and
 * nothing about what to do; these say what went wrong, and the original goes to the log.
 */
final class JolokiaErrors {
    private static final Logger LOG = LoggerFactory.getLogger(JolokiaErrors.class);
    /** A qualified Java class name, such as java.lang.IllegalArgumentException. */
    private static final Pattern CLASS_NAME = Pattern.compile("\\b(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*");
    private static final Pattern SIGNATURES = Pattern.compile("(?:Known signatures|Signatures found): (.*)$");

    private JolokiaErrors() {
    }

    static void inWords(JSONStructure answer) {
        if (answer instanceof JSONArray bulk) {
            bulk.forEach(item -> {
                if (item instanceof JSONObject reply) {
                    inWords(reply);
                }
            });
        } else if (answer instanceof JSONObject reply && reply.containsKey("error")) {
            String type = String.valueOf(reply.remove("error_type"));
            String original = String.valueOf(reply.get("error"));
            reply.remove("stacktrace");
            reply.remove("error_value");
            int status = reply.get("status") instanceof Number n ? n.intValue() : 500;
            JSONObject request = reply.get("request") instanceof JSONObject r ? r : new JSONObject();
            reply.put("error", words(type, original, status, request));
            if (status >= 500) {
                LOG.warn("Jolokia could not answer {}: {}", request.toJSONString(), original);
            }
        }
    }

    private static String words(String type, String original, int status, JSONObject request) {
        String mbean = String.valueOf(request.getOrDefault("mbean", ""));
        String operation = String.valueOf(request.getOrDefault("operation", ""));
        String message = message(original);
        if (type.endsWith("InstanceNotFoundException")) {
            return "No MBean named " + mbean + ".";
        }
        if (type.endsWith("AttributeNotFoundException")) {
            return "The MBean " + mbean + " has no attribute " + request.getOrDefault("attribute", "of that name") + ".";
        }
        if (type.endsWith("MalformedObjectNameException")) {
            return "Not a valid MBean name: " + mbean + ".";
        }
        if (type.endsWith("SecurityException") || status == 403) {
            return "Not allowed without the operator's credentials" + (message.isEmpty() ? "." : ": " + message);
        }
        if (!operation.isEmpty() && status == 400) {
            Matcher signatures = SIGNATURES.matcher(original);
            String known = signatures.find() ? signatures.group(1).replaceFirst("^\\),", "(),") : "";
            if (original.contains("overloaded")) {
                return "The operation " + operation + " has several signatures; name it with one of them"
                        + (known.isEmpty() ? "" : " (" + known + ")") + ".";
            }
            return "The MBean " + mbean + " has no operation " + operation + " taking these arguments"
                    + (known.isEmpty() ? "" : "; its signatures are " + known) + ".";
        }
        if (!operation.isEmpty() && status >= 500) {
            return "The operation " + operation + " failed" + (message.isEmpty() ? "" : ": " + message) + ".";
        }
        if (status == 400 && request.isEmpty()) {
            return "Not a Jolokia request: the body must be a JSON request or a list of them.";
        }
        if (status == 400) {
            return "Jolokia cannot answer this request" + (message.isEmpty() ? "" : ": " + message) + ".";
        }
        if (status == 404) {
            return "Nothing of that name: no such MBean, attribute or operation.";
        }
        return "Jolokia could not answer this request; the service log has the cause.";
    }

    /** The message without the class name in front of it; empty when what is left still names classes. */
    private static String message(String original) {
        String rest = original.replaceFirst("^\\s*(?:[\\w$]+\\.)+[\\w$]+\\s*:\\s*", "").trim();
        if (rest.isEmpty() || rest.equals("null") || CLASS_NAME.matcher(rest).find() || rest.contains("Exception")) {
            return "";
        }
        return rest.replaceAll("[.\\s]+$", "");
    }
}
