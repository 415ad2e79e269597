package aieditor.ai.llm;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;

/**
 * Asks one vendor for a JSON answer through its route in routes/llm.camel.yaml. An answer that is cut off or
 * does not read is asked for once more, then the call fails with a clear message; a refusal fails at once.
 */
public final class LlmClient {
    /** Exchange property the Gemini route puts in its URL. */
    public static final String MODEL = "llmModel";
    private static final Logger LOG = LoggerFactory.getLogger(LlmClient.class);

    private final Vendor vendor;
    private final HttpAttempts http;
    private final UsageLog usage;

    /**
     * @param guard says when a job's calls may no longer start (it was cancelled or timed out); calls are made for
     *              whoever {@link CallOwner#current()} names on the calling thread
     */
    public LlmClient(Vendor vendor, ProducerTemplate template, LlmSettings settings, UsageLog usage, Sleeper sleeper,
                     CallGuard guard, Clock clock) {
        this.vendor = vendor;
        this.http = new HttpAttempts(vendor, template, settings, usage, sleeper, guard, clock);
        this.usage = usage;
    }

    public String vendor() {
        return vendor.name();
    }

    /** The answer as {@code reader} makes it out; a reader rejects a wrong shape with {@link InvalidAnswer}. */
    public <T> T ask(LlmRequest request, Function<JsonNode, T> reader) {
        CallOwner owner = CallOwner.current();
        String problem = null;
        for (int round = 1; round <= 2; round++) {
            HttpAttempts.Answered answered = http.send(request, owner);
            Reply reply = vendor.reply(answered.body());
            Duration latency = answered.latency();
            String status;
            if (reply.end() == Reply.End.REFUSED) {
                usage.record(vendor.name(), request, owner, "refused", reply.inputTokens(), reply.outputTokens(), latency);
                throw new LlmException(vendor.name() + " declined the " + request.task() + " request: " + reply.detail());
            } else if (reply.end() == Reply.End.TRUNCATED) {
                status = "truncated";
                problem = "the answer was cut off at " + request.maxTokens() + " tokens (" + reply.detail() + ")";
            } else {
                try {
                    T value = reader.apply(JsonAnswer.parse(reply.text()));
                    usage.record(vendor.name(), request, owner, "ok", reply.inputTokens(), reply.outputTokens(), latency);
                    return value;
                } catch (InvalidAnswer e) {
                    status = "malformed";
                    problem = e.getMessage();
                }
            }
            usage.record(vendor.name(), request, owner, status, reply.inputTokens(), reply.outputTokens(), latency);
            if (round == 1) {
                LOG.warn("The {} answer from {} {} was unusable ({}); asking once more.", request.task(), vendor.name(),
                        request.model(), problem);
            }
        }
        throw new LlmException(vendor.name() + " " + request.model() + " gave no usable " + request.task()
                + " answer in two tries: " + problem);
    }
}
