package aieditor.http;

import org.apache.camel.CamelContext;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

import java.util.Map;
import java.util.Properties;

/**
 * A bare Camel context with only the named route files and application.properties, for testing one vendor
 * client without booting the whole application.
 */
public final class TestRoutes {
    private TestRoutes() {
    }

    public static CamelContext start(Map<String, String> overrides, String... routeFiles) throws Exception {
        return start(overrides, Map.of(), routeFiles);
    }

    /** @param beans what the routes refer to by name besides the HTTP endpoints */
    public static CamelContext start(Map<String, String> overrides, Map<String, Object> beans, String... routeFiles) throws Exception {
        CamelContext context = new DefaultCamelContext();
        beans.forEach(context.getRegistry()::bind);
        context.getPropertiesComponent().setLocation("file:application.properties");
        Properties props = new Properties();
        props.putAll(overrides);
        context.getPropertiesComponent().setOverrideProperties(props);
        // what camel.component.http.automaticRetriesDisabled does for the application
        context.getComponent("http", HttpComponent.class).setAutomaticRetriesDisabled(true);
        for (String file : routeFiles) {
            PluginHelper.getRoutesLoader(context).loadRoutes(
                    ResourceHelper.resolveMandatoryResource(context, "file:routes/" + file));
        }
        context.start();
        return context;
    }
}
