package aieditor.ingest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The order sources are handed to the ingest threads: one per host in turn. A host's feeds listed together would
 * otherwise fill the threads with fetches waiting for that host's permits while other hosts' feeds queue behind
 * them. Storing does not follow this order: it follows the configured one.
 */
final class FetchOrder {

    private FetchOrder() {
    }

    static List<Source> spreadOverHosts(List<Source> sources) {
        Map<String, List<Source>> byHost = new LinkedHashMap<>();
        for (Source source : sources) {
            // local sources are nobody's host: each is a queue of its own
            String key = source.remote() ? HostPermits.host(source.location()) : source.kind() + ":" + source.location();
            byHost.computeIfAbsent(key, k -> new ArrayList<>()).add(source);
        }
        List<Source> order = new ArrayList<>(sources.size());
        for (int round = 0; order.size() < sources.size(); round++) {
            for (List<Source> host : byHost.values()) {
                if (round < host.size()) {
                    order.add(host.get(round));
                }
            }
        }
        return order;
    }
}
