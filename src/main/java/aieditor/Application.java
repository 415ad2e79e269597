package aieditor;

import aieditor.config.ConfigProperties;
import aieditor.pipeline.PipelineRuns;
import aieditor.pipeline.Triggers;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;

import java.io.PrintStream;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Command line entry: {@code run [--date YYYY-MM-DD]}, {@code serve}, {@code --help}. */
public final class Application {
    static final String USAGE = """
            ai-editor - an AI-assisted daily newsletter pipeline

            Usage:
              java -jar ai-editor.jar run [--date YYYY-MM-DD]
                  Runs the whole chain once, now, for one issue date (default: today, UTC): the
                  steps of pipeline.steps in application.properties, in their order. Prints progress
                  and where the newsletter is. Exits 0 when every step completed, 1 otherwise.
              java -jar ai-editor.jar serve [--role all|web|worker|scheduler]
                  Runs the long-lived service: the Quartz schedule starts each step at its time
                  (see schedule.* in application.properties) and workers take jobs from the queues.
                  Distributed mode (DATABASE_URL and REDIS_URL set) splits it into roles:
                    web        the control API, health and metrics; queues jobs, runs none, fires no cron
                    worker     takes jobs from the Redis queue (run as many as needed)
                    scheduler  fires the crons (clustered: any number, each fire runs once; a survivor
                               takes over within about 15 s of one dying and catches its fires up)
                    all        everything in one process (the default)
                  SIGTERM stops taking work, lets running jobs finish (camel.main.shutdownTimeout),
                  hands the rest back to the queue, and exits 0; jobs still waiting stay queued
                  for the next start.
              java -jar ai-editor.jar --help
                  Shows this text.

            Configuration is read from application.properties in the working directory (falling back to
            the copy inside the jar); any key can be overridden with -Dkey=value or an environment variable
            (upper case, dots and dashes as underscores: DB_URL overrides db.url).
            """;

    private Application() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        String command = args.length == 0 ? "--help" : args[0];
        switch (command) {
            case "run" -> System.exit(run(args));
            case "serve" -> System.exit(serve(args));
            case "--help", "-h", "help" -> System.out.print(USAGE);
            default -> {
                System.err.println("Unknown command '" + command + "'.\n");
                System.err.print(USAGE);
                System.exit(2);
            }
        }
    }

    /**
     * Without a main class: Camel would then scan its package for configuration classes and run them in the order it
     * finds them; camel.main.configurationClasses lists them in the order they must run.
     */
    static Main newMain() {
        Main main = new Utf8Main();
        main.setPropertyPlaceholderLocations("classpath:application.properties;optional=true,file:application.properties;optional=true");
        return main;
    }

    /**
     * Reads application.properties as UTF-8. Camel, like java.util.Properties, reads it as ISO-8859-1 by default,
     * so a newsletter title such as "Die KI-Zeitung — Ausgabe für Käse" written in the file would reach Subject,
     * From and the HTML garbled. The encoding must be set before the first location is read, which is when the
     * context is made.
     */
    static final class Utf8Main extends Main {
        Utf8Main() {
        }

        @Override
        protected CamelContext createCamelContext() {
            CamelContext context = super.createCamelContext();
            ((org.apache.camel.component.properties.PropertiesComponent) context.getPropertiesComponent()).setEncoding("UTF-8");
            return context;
        }
    }

    /** What each role leaves off: the override properties that switch its parts off. */
    static final Map<String, Map<String, String>> ROLES = Map.of(
            "all", Map.of(),
            "web", Map.of("queue.consume", "false", "schedule.enabled", "false"),
            "worker", Map.of("schedule.enabled", "false"),
            "scheduler", Map.of("queue.consume", "false"));

    static final String NEEDS_DISTRIBUTED = "serve --role needs distributed mode: set DATABASE_URL and REDIS_URL so the "
            + "processes share their jobs (without them, plain serve runs everything in one process).";

    static int serve(String[] args) throws Exception {
        String role = "all";
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--role") && i + 1 < args.length) {
                role = args[++i];
            } else if (args[i].startsWith("--role=")) {
                role = args[i].substring(7);
            } else {
                System.err.println("Unknown option '" + args[i] + "'. Try --help.");
                return 2;
            }
        }
        if (!ROLES.containsKey(role)) {
            System.err.println("Unknown role '" + role + "': use all, web, worker or scheduler.");
            return 2;
        }
        Main main = newMain();
        ROLES.get(role).forEach(main::addOverrideProperty);
        if (!role.equals("all")) {
            main.addMainListener(new MainListenerSupport() {
                @Override
                public void beforeConfigure(BaseMainSupport m) {
                    var props = m.getCamelContext().getPropertiesComponent();
                    if (props.resolveProperty("queue.redis-url").orElse("").isBlank()
                            || props.resolveProperty("db.database-url").orElse("").isBlank()) {
                        throw new IllegalArgumentException(NEEDS_DISTRIBUTED);
                    }
                }
            });
        }
        // SIGTERM (docker stop, Render deploys) and Ctrl-C: a graceful stop, then exit 0
        Runnable stop = main::completed;
        sun.misc.Signal.handle(new sun.misc.Signal("TERM"), signal -> stop.run());
        sun.misc.Signal.handle(new sun.misc.Signal("INT"), signal -> stop.run());
        try {
            main.run();
        } catch (IllegalArgumentException e) {
            if (!NEEDS_DISTRIBUTED.equals(e.getMessage())) {
                throw e;
            }
            System.err.println(NEEDS_DISTRIBUTED);
            return 2;
        }
        return main.getExitCode();
    }

    static int run(String[] args) throws Exception {
        LocalDate date;
        try {
            date = parseDate(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        Main main = newMain();
        // A one-shot run must not also fire the schedule.
        main.addOverrideProperty("schedule.enabled", "false");
        // Nor take the service's port: a run next to `serve`, or a second run, would compete for it. The HTTP server
        // (which the control API's routes need to start) gets a free port; the management endpoints stay off.
        // These are override properties because initial ones lose to application.properties.
        main.addOverrideProperty("camel.server.port", "0");
        main.addOverrideProperty("camel.management.enabled", "false");
        int[] exit = {1};
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterStart(BaseMainSupport m) {
                Thread runner = new Thread(() -> {
                    try {
                        exit[0] = runChain(m.getCamelContext(), date, System.out);
                    } catch (Exception e) {
                        System.out.println("The pipeline run failed: " + e.getMessage());
                    } finally {
                        main.completed();
                    }
                }, "pipeline-run");
                runner.start();
            }
        });
        main.run();
        return exit[0];
    }

    /** Starts a chained run at the first step and waits for it; returns the process exit code. */
    public static int runChain(CamelContext context, LocalDate date, PrintStream out) throws Exception {
        Triggers triggers = context.getRegistry().lookupByNameAndType("triggers", Triggers.class);
        // a run that was stopped (SIGKILL, a crash) left its chain unfinished: this run takes it up where it stopped
        Triggers.Chain chain = triggers.resumeOrStart(date, Map.of(), "cli");
        if (chain.resumed()) {
            out.println("Resuming the run for issue " + date + " that stopped before it finished (chain " + chain.chainId() + ").");
        }
        var done = chain.done();
        ConfigProperties props = new ConfigProperties(context);
        long timeout = Long.parseLong(props.required("run.timeout-seconds"));
        PipelineRuns.Outcome outcome = done.get(timeout, TimeUnit.SECONDS);
        out.println();
        out.println("Pipeline run for issue " + date + ":");
        outcome.steps().forEach(s -> out.printf("  %-15s %s%n", s.step().id(), s.result().summary()));
        if (!outcome.succeeded()) {
            out.println("FAILED at " + outcome.failure());
            out.println("See the dead_letters and jobs tables for details.");
            return 1;
        }
        String delivery = props.required("newsletter.delivery");
        if (!delivery.strip().equals("outbox")) {
            out.println("The newsletter went out through " + delivery.strip() + " (see mautic_send above).");
            return 0;
        }
        String outbox = props.required("newsletter.outbox-dir");
        out.println("The newsletter is in " + java.nio.file.Path.of(outbox, date.toString()).toAbsolutePath()
                + " (newsletter.eml, newsletter.html, newsletter.txt, images/).");
        return 0;
    }

    static LocalDate parseDate(String[] args) {
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--date") && i + 1 < args.length) {
                return aieditor.pipeline.IssueDates.parse(args[i + 1], "--date");
            } else if (args[i].startsWith("--date=")) {
                return parseDate(new String[]{"run", "--date", args[i].substring(7)});
            } else {
                throw new IllegalArgumentException("Unknown option '" + args[i] + "'. Try --help.");
            }
        }
        return LocalDate.now(ZoneOffset.UTC);
    }
}
