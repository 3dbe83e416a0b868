//! FL2xx: attribute values against the model catalog.

mod common;
mod drf;
mod field_empty_on_create;
mod integer_out_of_range;
mod invalid_duration;
mod invalid_email;
mod invalid_enum_value;
mod invalid_slug;
mod invalid_string_length;
mod invalid_uuid;
mod legacy_value_format;
mod missing_conditional_field;
mod missing_required_field;
mod release_drift;
mod renamed_field;
mod unknown_attribute;
mod wrong_value_type;

pub use field_empty_on_create::FIELD_EMPTY_ON_CREATE;
pub use integer_out_of_range::INTEGER_OUT_OF_RANGE;
pub use invalid_duration::INVALID_DURATION;
pub use invalid_email::INVALID_EMAIL;
pub use invalid_enum_value::INVALID_ENUM_VALUE;
pub use invalid_slug::INVALID_SLUG;
pub use invalid_string_length::INVALID_STRING_LENGTH;
pub use invalid_uuid::INVALID_UUID;
pub use legacy_value_format::LEGACY_VALUE_FORMAT;
pub use missing_conditional_field::MISSING_CONDITIONAL_FIELD;
pub use missing_required_field::MISSING_REQUIRED_FIELD;
pub use renamed_field::RENAMED_FIELD;
pub use unknown_attribute::UNKNOWN_ATTRIBUTE;
pub use wrong_value_type::WRONG_VALUE_TYPE;

/// An integer attribute (a binding's `order`) as DRF's `IntegerField` stores it:
/// integer-valued strings and floats included (`"10"`, `10.0`); `None` when DRF
/// rejects it or it does not fit 64 bits.
pub(crate) fn drf_integer(value: &crate::eval::Value<'_>) -> Option<i64> {
    match drf::drf_int(value)? {
        drf::DrfInt::Exact(n) => i64::try_from(n).ok(),
        drf::DrfInt::Huge { .. } => None,
    }
}

/// Whether Django's `EmailValidator` accepts `value` (DRF's `EmailField` uses it).
pub(crate) fn is_valid_email(value: &str) -> bool {
    invalid_email::problem(value).is_none()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_email_check_simulate_uses_is_fl210s() {
        assert!(super::is_valid_email(
            "authentik+noreply@mail.example.co.uk"
        ));
        assert!(!super::is_valid_email("authentik at example.com"));
    }
}
