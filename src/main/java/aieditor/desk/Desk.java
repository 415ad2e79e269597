package aieditor.desk;

import java.time.Duration;

/**
 * The editor's desk (routes/desk.camel.yaml, bean {@code desk}): its pages behind a sign-in. The slot editing it
 * shares with the REST API is {@link IssueEditor}.
 */
public final class Desk {
    private Desk() {
    }

    /**
     * @param secret           api.trigger-secret: what an editor signs in with; empty, nobody can
     * @param sessionLength    desk.session-minutes
     * @param maxFailedSignIns desk.max-failed-sign-ins: wrong secrets from one address before it is refused for a while
     * @param lockout          desk.sign-in-lockout-seconds: that while
     */
    public record Settings(String secret, Duration sessionLength, int maxFailedSignIns, Duration lockout) {
        @Override
        public String toString() {
            return "Desk.Settings[session " + sessionLength + ", " + maxFailedSignIns + " sign-ins per " + lockout + "]";
        }
    }

    public static DeskHttp http(Settings settings, DeskPages.Services services) {
        DeskSessions sessions = new DeskSessions(settings.secret(), settings.sessionLength(), settings.maxFailedSignIns(),
                settings.lockout(), services.clock());
        return new DeskHttp(sessions, new DeskPages(services));
    }
}
