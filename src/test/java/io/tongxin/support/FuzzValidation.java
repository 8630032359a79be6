package io.tongxin.support;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/** Bean Validation outside Quarkus, for the fuzz targets that check what the service checks. */
public final class FuzzValidation {

    private static final Validator VALIDATOR = Validation.byDefaultProvider()
            .configure()
            .messageInterpolator(new ParameterMessageInterpolator())
            .buildValidatorFactory()
            .getValidator();

    private FuzzValidation() {}

    public static Validator validator() {
        return VALIDATOR;
    }
}
