package dev.livedesk.error;

/**
 * A request the desk refuses, with a stable machine-readable code. It names what went wrong in the domain's terms
 * ({@link Kind}), not as an HTTP status: the edge maps each kind to one, so the rules stay free of transport and any
 * package may raise it without depending on the web layer.
 */
public class DeskException extends RuntimeException {

    /** Why the request is refused. */
    public enum Kind {
        /** The input is malformed or breaks a rule of its field. */
        INVALID,
        /** No valid credential came with it. */
        UNAUTHORIZED,
        /** The credential may not touch this. */
        FORBIDDEN,
        /** What it names does not exist. */
        NOT_FOUND,
        /** The state the request needs is not the state things are in. */
        CONFLICT,
        /** The request is larger than allowed. */
        TOO_LARGE,
        /** The content is of a type that is not accepted. */
        UNSUPPORTED,
        /** A limit was reached; the client may try again later. */
        TOO_MANY,
        /** This server cannot serve it now (e.g. it is shutting down); another one, or this one later, can. */
        UNAVAILABLE
    }

    private final Kind kind;
    private final String code;
    private final Integer retryAfterSeconds;

    public DeskException(Kind kind, String code, String message, Integer retryAfterSeconds) {
        super(message, null, false, false);
        this.kind = kind;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** A limit was reached; the client may try again after the given number of seconds. */
    public static DeskException tooMany(String code, String message, int retryAfterSeconds) {
        return new DeskException(Kind.TOO_MANY, code, message, retryAfterSeconds);
    }

    public static DeskException invalid(String code, String message) {
        return new DeskException(Kind.INVALID, code, message, null);
    }

    public static DeskException unauthorized(String message) {
        return unauthorized("unauthorized", message);
    }

    public static DeskException unauthorized(String code, String message) {
        return new DeskException(Kind.UNAUTHORIZED, code, message, null);
    }

    public static DeskException forbidden(String message) {
        return new DeskException(Kind.FORBIDDEN, "forbidden", message, null);
    }

    public static DeskException notFound(String message) {
        return new DeskException(Kind.NOT_FOUND, "not-found", message, null);
    }

    public static DeskException conflict(String code, String message) {
        return new DeskException(Kind.CONFLICT, code, message, null);
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    /** Seconds the client should wait before trying again, or null. */
    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
