package aieditor.observe;

import aieditor.observe.ObserveAccess.Caller;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * In front of /observe/info, /observe/metrics and /observe/health: the process's pid, user and directories, every
 * meter and every check's details only for those {@link ObserveAccess} lets read; the health status (without
 * {@code data}) for anyone, since load balancers and Render's health check call it without credentials.
 */
final class DetailsGuard implements Handler<RoutingContext> {
    private final ObserveAccess access;
    private final String what;
    private final boolean statusIsOpen;

    /**
     * @param what         the endpoint, for the refusal
     * @param statusIsOpen health: only a request with {@code data} asks for details
     */
    DetailsGuard(ObserveAccess access, String what, boolean statusIsOpen) {
        this.access = access;
        this.what = what;
        this.statusIsOpen = statusIsOpen;
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (statusIsOpen && !asksForDetails(ctx)) {
            ctx.next();
            return;
        }
        Caller caller = access.caller(ctx.request());
        if (access.maySeeDetails(caller)) {
            ctx.next();
        } else {
            access.refuse(ctx, caller, access.strangerRefusal(what));
        }
    }

    /** Camel adds each check's data for data=true; anything but an explicit false counts as asking. */
    private static boolean asksForDetails(RoutingContext ctx) {
        return ctx.queryParams().getAll("data").stream().anyMatch(v -> !v.equalsIgnoreCase("false"));
    }
}
