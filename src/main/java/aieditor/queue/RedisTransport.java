package aieditor.queue;

import aieditor.pipeline.Step;
import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.jedis.JedisClientConfiguration;
import org.springframework.data.redis.connection.jedis.JedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.serializer.StringRedisSerializer;
import redis.clients.jedis.JedisPoolConfig;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Distributed mode's transport: with {@code REDIS_URL} set, the queue endpoints named {@code queue.redis.*} replace
 * the embedded {@code queue.*} ones, so the same routes move jobs through Redis. Its {@link #beans()} are the
 * connection factory and template that camel-spring-redis' endpoints (job signals) refer to.
 */
public final class RedisTransport implements QueueTransport {
    private final CamelContext context;
    private final JedisConnectionFactory factory;
    private final StringRedisTemplate template;
    private final RedisQueue probe;
    private final boolean consuming;

    private RedisTransport(CamelContext context, JedisConnectionFactory factory, StringRedisTemplate template,
                           boolean consuming) {
        this.context = context;
        this.factory = factory;
        this.template = template;
        this.probe = new RedisQueue(template, "jobs");
        this.consuming = consuming;
    }

    /**
     * Connects to Redis at {@code url} (redis://[user:password@]host:port[/db], rediss:// for TLS) and adds the
     * {@code redis-queue} component the queue endpoints use.
     *
     * @param consuming whether this process takes jobs (queue.consume)
     */
    public static RedisTransport connect(CamelContext context, String url, Map<Step.Queue, Integer> caps, int workers,
                                         boolean consuming) throws Exception {
        JedisConnectionFactory factory = connectionFactory(url, workers);
        StringRedisTemplate template = new StringRedisTemplate(factory);
        template.afterPropertiesSet();
        context.addComponent("redis-queue", new RedisQueueComponent(template, caps));
        // after the routes, so running jobs can still renew leases and hand back work while they stop
        context.addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                factory.destroy();
            }
        }, true, true);
        return new RedisTransport(context, factory, template, consuming);
    }

    /** The beans the queue.redis.signals.* endpoints name, by those names. */
    public Map<String, Object> beans() {
        return Map.of("redisConnectionFactory", factory, "redisTemplate", template,
                "redisSerializer", new StringRedisSerializer());
    }

    static JedisConnectionFactory connectionFactory(String url, int workers) {
        URI uri = URI.create(url.strip());
        if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme())) {
            throw new IllegalArgumentException("REDIS_URL must look like redis://host:port (or rediss:// for TLS)");
        }
        RedisStandaloneConfiguration server = new RedisStandaloneConfiguration(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort());
        if (uri.getRawUserInfo() != null) {
            String[] user = uri.getRawUserInfo().split(":", 2);
            if (user.length == 2) {
                if (!user[0].isEmpty()) {
                    server.setUsername(URLDecoder.decode(user[0], StandardCharsets.UTF_8));
                }
                server.setPassword(URLDecoder.decode(user[1], StandardCharsets.UTF_8));
            } else {
                server.setPassword(URLDecoder.decode(user[0], StandardCharsets.UTF_8));
            }
        }
        String path = uri.getPath() == null ? "" : uri.getPath().replace("/", "");
        if (!path.isEmpty()) {
            server.setDatabase(Integer.parseInt(path));
        }
        // every worker thread blocks on one connection while it waits for work; the rest serve leases, triggers, signals
        JedisPoolConfig pool = new JedisPoolConfig();
        pool.setMaxTotal(workers + 16);
        pool.setMaxIdle(workers + 16);
        pool.setMaxWait(Duration.ofSeconds(5));
        var client = JedisClientConfiguration.builder().connectTimeout(Duration.ofSeconds(2)).readTimeout(Duration.ofSeconds(5))
                .clientName("ai-editor");
        if ("rediss".equals(uri.getScheme())) {
            client.useSsl();
        }
        JedisConnectionFactory factory = new JedisConnectionFactory(server, client.usePooling().poolConfig(pool).build());
        factory.afterPropertiesSet();
        factory.start();
        return factory;
    }

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public Optional<java.util.Set<String>> jobsHeld() {
        return Optional.of(probe.jobsHeld());
    }

    @Override
    public Optional<String> problem(Step.Queue queue) {
        try {
            probe.ping();
        } catch (Exception e) {
            return Optional.of("Redis unreachable: " + e.getMessage());
        }
        if (!consuming) {
            return Optional.empty(); // a web or scheduler process only queues work
        }
        return context.getEndpoints().stream().filter(e -> e instanceof RedisQueueEndpoint)
                .map(e -> ((RedisQueueEndpoint) e).consumer()).flatMap(Optional::stream).findFirst()
                .map(RedisQueueConsumer::problem)
                .orElse(Optional.of("no worker reads queue '" + queue.id() + "'"));
    }
}
