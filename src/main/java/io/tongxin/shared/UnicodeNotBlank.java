package io.tongxin.shared;

import io.quarkus.hibernate.validator.ValidatorFactoryCustomizer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.constraints.NotBlank;
import org.hibernate.validator.BaseHibernateValidatorConfiguration;

/**
 * Makes {@code @NotBlank} judge blank by {@link BlankText} everywhere (request records, seed
 * records, the dictionary): Hibernate Validator's own validator trims only ASCII, so a name or a
 * keyword of ideographic spaces (U+3000), no-break or zero-width spaces passed it and was stored as
 * an empty or invisible value. Replacing the validator of the one standard annotation, rather than
 * adding a second annotation, keeps every {@code @NotBlank} (and the OpenAPI document's
 * {@code required}/{@code minLength}) as it is.
 */
@ApplicationScoped
public class UnicodeNotBlank implements ValidatorFactoryCustomizer {

    @Override
    public void customize(BaseHibernateValidatorConfiguration<?> configuration) {
        var mapping = configuration.createConstraintMapping();
        mapping.constraintDefinition(NotBlank.class)
                .includeExistingValidators(false)
                .validatedBy(Validator.class);
        configuration.addMapping(mapping);
    }

    /** {@code @NotBlank} on text: null and {@link BlankText#isBlank blank} text are refused. */
    public static class Validator implements ConstraintValidator<NotBlank, CharSequence> {
        @Override
        public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
            return !BlankText.isBlank(value);
        }
    }
}
