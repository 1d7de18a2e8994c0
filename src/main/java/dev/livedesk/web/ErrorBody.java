package dev.livedesk.web;

/** The JSON body of every error response. */
public record ErrorBody(String error, String message) {
}
