package org.caseline.platform.web;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.ModelAndView;

/**
 * What a request refused before our code runs gets, in our words: on API paths the API's own
 * {@code {"code", "message"}}, on pages the site's error page in the visitor's language; never the
 * address echoed back, a stack trace or the server's name. Two places refuse such requests:
 * Spring Security's firewall ({@code ;}, encoded line breaks), whose refusals go through Spring's
 * error handling with the reason attached, and Tomcat's own parser (an encoded slash or NUL, a
 * character that must be encoded), which answers before any servlet: for those, Tomcat's error
 * report valve is replaced by {@link RefusalValve}.
 */
@Configuration(proxyBeanMethods = false)
class Refusals {

    /** The request attribute that carries why the firewall refused the request. */
    static final String REJECTED = Refusals.class.getName() + ".rejected";

    @Bean
    RequestRejectedHandler requestRejectedHandler() {
        return (request, response, rejected) -> {
            request.setAttribute(REJECTED, RejectedAddress.of(request.getRequestURI()));
            response.sendError(HttpStatus.BAD_REQUEST.value());
        };
    }

    /** Every error rendered by Spring: {@code code} and {@code message}, nothing taken from the request. */
    @Bean
    ErrorAttributes errorAttributes() {
        return new DefaultErrorAttributes() {
            @Override
            public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
                Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE, RequestAttributes.SCOPE_REQUEST);
                int code = status instanceof Integer i ? i : 500;
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("code", String.valueOf(code));
                Object rejected = request.getAttribute(REJECTED, RequestAttributes.SCOPE_REQUEST);
                body.put("message", rejected instanceof RejectedAddress r ? r.message() : plain(code));
                return body;
            }
        };
    }

    /** The site's error page, told why (its sentence in the visitor's language) when the address was refused. */
    @Bean
    ErrorViewResolver refusalView() {
        return (HttpServletRequest request, HttpStatus status, Map<String, Object> model) -> {
            Map<String, Object> view = new LinkedHashMap<>(model);
            if (request.getAttribute(REJECTED) instanceof RejectedAddress r) {
                view.put("reasonKey", r.messageKey());
            }
            return new ModelAndView("error", view, status);
        };
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> refusalValve() {
        return new OrderedCustomizer();
    }

    /** Runs after Boot's own customizer, which adds Tomcat's error report valve that ours replaces. */
    private static final class OrderedCustomizer implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {
        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addContextCustomizers((TomcatContextCustomizer) context -> {
                if (!(context.getParent() instanceof StandardHost host)) {
                    return;
                }
                // the host makes its error report valve of this class when it starts; Boot's, added before, goes
                host.setErrorReportValveClass(RefusalValve.class.getName());
                for (Valve valve : host.getPipeline().getValves()) {
                    if (valve instanceof ErrorReportValve && !(valve instanceof RefusalValve)) {
                        host.getPipeline().removeValve(valve);
                    }
                }
            });
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }

    /** What an error's status means, in the API's words (the valve, which has no Spring around it, says the same). */
    static String plain(int code) {
        return switch (code) {
            case 400 -> "The request is malformed.";
            case 401 -> "Sign in first.";
            case 403 -> "You may not do this.";
            case 404 -> "Nothing is found at this address.";
            case 405 -> "This address does not take that method.";
            case 406, 415 -> "This address does not take or give that content type.";
            default -> code >= 500 ? "Something went wrong on our side; please try again later." : "The request was refused.";
        };
    }
}
