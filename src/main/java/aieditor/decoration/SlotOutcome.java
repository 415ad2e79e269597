package aieditor.decoration;

/** How one slot's decoration ended: decorated, or failed with the error that stopped it. */
public record SlotOutcome(int slot, long articleId, String error) {
    public boolean decorated() {
        return error == null;
    }
}
