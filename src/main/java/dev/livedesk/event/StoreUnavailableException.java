package dev.livedesk.event;

/** The store could not be reached or failed; the request may be retried, possibly on another replica. */
public class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(Throwable cause) {
        super(cause.getMessage(), cause);
    }
}
