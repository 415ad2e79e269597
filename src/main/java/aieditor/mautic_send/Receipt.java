package aieditor.mautic_send;

/**
 * Where an issue went and what the channel reported.
 *
 * @param location    human-readable place: a folder, "mautic email 42", an SMTP server
 * @param externalId  the channel's id for the message (Mautic email id, Message-ID), null when it has none
 * @param sentCount   recipients the channel says it sent to, null when it does not count
 * @param failedCount recipients the channel says failed, null when it does not count
 */
public record Receipt(String location, String externalId, Integer sentCount, Integer failedCount) {

    public static Receipt at(String location) {
        return new Receipt(location, null, null, null);
    }

    public boolean hasFailures() {
        return failedCount != null && failedCount > 0;
    }
}
