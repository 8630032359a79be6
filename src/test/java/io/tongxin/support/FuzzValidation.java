package io.tongxin.support;

import io.tongxin.shared.UnicodeNotBlank;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.HibernateValidatorConfiguration;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * Bean Validation outside Quarkus, for the fuzz targets that check what the service checks: with the
 * service's own customisation ({@link UnicodeNotBlank}).
 */
public final class FuzzValidation {

    private static final Validator VALIDATOR = build();

    private FuzzValidation() {}

    public static Validator validator() {
        return VALIDATOR;
    }

    private static Validator build() {
        HibernateValidatorConfiguration config =
                Validation.byProvider(HibernateValidator.class).configure();
        config.messageInterpolator(new ParameterMessageInterpolator());
        new UnicodeNotBlank().customize(config);
        return config.buildValidatorFactory().getValidator();
    }
}
