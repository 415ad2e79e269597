package aieditor.pipeline;

import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

import static org.assertj.core.api.Assertions.assertThat;

class FailureTextTest {
    @Test
    void should_say_a_failure_in_words_without_java_class_names() {
        assertThat(FailureText.of(new IllegalStateException("Issue 2026-11-11 is not compiled yet")))
                .isEqualTo("Issue 2026-11-11 is not compiled yet");
        assertThat(FailureText.of(new RuntimeException("java.net.ConnectException: Connection refused", new ConnectException())))
                .isEqualTo("Connection refused");
        assertThat(FailureText.of(new ConnectException("localhost:9"))).isEqualTo("connection refused: localhost:9");
        assertThat(FailureText.of(new UnknownHostException("api.example.invalid"))).isEqualTo("host not found: api.example.invalid");
        assertThat(FailureText.of(new SocketTimeoutException("Read timed out"))).isEqualTo("no answer in time: Read timed out");
        assertThat(FailureText.of(new NullPointerException("Cannot invoke \"String.length()\" because \"s\" is null")))
                .isEqualTo("internal error: a value was missing (the service log has the details)");
        assertThat(FailureText.of(new StackOverflowError())).contains("too deep a recursion");
        assertThat(FailureText.of(new RuntimeException(null, new IllegalArgumentException("bad feed")))).isEqualTo("bad feed");
        assertThat(FailureText.of(new RuntimeException())).isEqualTo("failed without saying why");
        assertThat(FailureText.of(new OutOfMemoryError("Java heap space"))).isEqualTo("the service ran out of memory: Java heap space");
    }
}
