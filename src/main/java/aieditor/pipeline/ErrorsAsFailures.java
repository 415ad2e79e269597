package aieditor.pipeline;

import org.apache.camel.AsyncCallback;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Processor;
import org.apache.camel.spi.InterceptStrategy;
import org.apache.camel.support.processor.DelegateAsyncProcessor;

/**
 * Camel's error handling catches exceptions, not {@link Error}s: an OutOfMemoryError or StackOverflowError thrown in
 * a step went up through the worker's thread and killed it, leaving its job running for good and a worker less.
 * Every processor is wrapped so that an Error becomes the exchange's failure like any exception; the job then fails
 * through the dead-letter channel (see Jobs#failed), recorded, and the thread lives on.
 */
public final class ErrorsAsFailures implements InterceptStrategy {
    @Override
    public Processor wrapProcessorInInterceptors(CamelContext context, NamedNode definition, Processor target, Processor next) {
        return new DelegateAsyncProcessor(target) {
            @Override
            public boolean process(Exchange exchange, AsyncCallback callback) {
                try {
                    return super.process(exchange, callback);
                } catch (Error e) {
                    exchange.setException(new ErrorThrown(e));
                    callback.done(true);
                    return true;
                }
            }
        };
    }

    /** An Error a step threw, carried as the exchange's failure; its message names the Error. */
    public static final class ErrorThrown extends RuntimeException {
        ErrorThrown(Error error) {
            super(FailureText.of(error), error);
        }
    }
}
