package aieditor.ingest;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;

/** The addresses a full-text page may not be fetched from unless ingest.full-text.private-hosts is on. */
class PrivateAddressesTest {

    @Test
    void should_tell_private_addresses_from_public_ones() throws Exception {
        for (String inside : new String[]{"127.0.0.1", "10.1.2.3", "172.16.0.9", "172.31.255.1", "192.168.1.1",
                "169.254.169.254", "0.0.0.0", "100.64.0.1", "::1", "fe80::1", "fd12:3456::1", "::ffff:10.0.0.1", "224.0.0.1"}) {
            assertThat(PrivateAddresses.isPrivate(InetAddress.getByName(inside))).as(inside).isTrue();
        }
        for (String outside : new String[]{"93.184.216.34", "172.32.0.1", "100.128.0.1", "8.8.8.8", "2606:4700::1111"}) {
            assertThat(PrivateAddresses.isPrivate(InetAddress.getByName(outside))).as(outside).isFalse();
        }
    }

    @Test
    void should_say_why_a_url_is_refused() {
        assertThat(PrivateAddresses.refusal("http://169.254.169.254/latest/meta-data/"))
                .isEqualTo("its host 169.254.169.254 is the private address 169.254.169.254");
        assertThat(PrivateAddresses.refusal("http://[::1]:8080/admin")).contains("private address");
        assertThat(PrivateAddresses.refusal("https://93.184.216.34/news")).isNull();
        assertThat(PrivateAddresses.refusal("mailto:x@example.com")).isEqualTo("it names no host");
        assertThat(PrivateAddresses.refusal("http://bad host/")).isEqualTo("it is not a valid URL");
    }
}
