package com.verity.security;

import java.util.List;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Lets controllers take the {@link Caller} as a parameter; they hand it to the modules, whose SQL
 * decides what the caller may read and change.
 */
@Component
class CallerArguments implements WebMvcConfigurer, HandlerMethodArgumentResolver {

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType().equals(Caller.class);
    }

    @Override
    public Object resolveArgument(
            MethodParameter parameter,
            ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest,
            WebDataBinderFactory binderFactory) {
        return current();
    }

    /** The caller of the request being served; the filter chain lets no anonymous one this far. */
    static Caller current() {
        return CurrentCaller.get()
                .orElseThrow(
                        () ->
                                new com.verity.web.ProblemException(
                                        HttpStatus.UNAUTHORIZED,
                                        "unauthorized",
                                        "Sign-in required",
                                        "Sign in first.") {});
    }
}
