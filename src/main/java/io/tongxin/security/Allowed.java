package io.tongxin.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The roles that may call a resource method (on the method, or on the class for all its methods).
 * Every {@code /api} endpoint without it is admin-only: access fails closed. {@link Role#ADMIN}
 * always passes.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Allowed {
    Role[] value();
}
