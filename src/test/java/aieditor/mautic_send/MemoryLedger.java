package aieditor.mautic_send;

import java.util.Optional;

/** The deliveries row of one issue, in memory; can lose the recorded id as a process dying at that moment would. */
final class MemoryLedger implements Delivery.Ledger {
    private volatile String externalId;
    private volatile boolean dieOnRecord;
    private volatile boolean handedOver;

    static MemoryLedger thatDiesBeforeRecording() {
        MemoryLedger ledger = new MemoryLedger();
        ledger.dieOnRecord = true;
        return ledger;
    }

    @Override
    public Optional<String> externalId() {
        return Optional.ofNullable(externalId);
    }

    @Override
    public void recordExternalId(String id) {
        if (dieOnRecord) {
            dieOnRecord = false;
            throw new IllegalStateException("process died before the email id was stored");
        }
        externalId = id;
    }

    @Override
    public void recordHandOver() {
        handedOver = true;
    }

    @Override
    public boolean handedOver() {
        return handedOver;
    }

    @Override
    public void clearHandOver() {
        handedOver = false;
    }
}
