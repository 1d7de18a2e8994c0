package dev.livedesk.auth;

import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;

import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A request's cookies by name, decoded from its {@code Cookie} header. Not Vert.x's {@code request.getCookie},
 * which keeps what it decodes (a token among it) for as long as the response is open: an event stream's is open
 * for hours.
 */
final class RequestCookies {

    private RequestCookies() {
    }

    static UnaryOperator<String> of(String header) {
        Set<Cookie> cookies = header == null ? Set.of() : ServerCookieDecoder.STRICT.decode(header);
        return name -> cookies.stream().filter(cookie -> cookie.name().equals(name)).map(Cookie::value)
                .findFirst().orElse(null);
    }
}
