//! Unit tests of the catalog, grouped by topic.

mod fields;
mod hints;
mod lookup;
mod models;

use super::{FieldSpec, ModelSpec, catalog};

mod changes;
mod releases;
mod spans;

pub(super) fn model(id: &str) -> &'static ModelSpec {
    catalog()
        .model(id)
        .unwrap_or_else(|| panic!("{id} is in the catalog"))
}

pub(super) fn field(model_id: &str, name: &str) -> &'static FieldSpec {
    model(model_id)
        .field(name)
        .unwrap_or_else(|| panic!("{model_id} has field {name}"))
}

#[test]
fn field_lookup_by_name_finds_every_field_and_nothing_else() {
    for model in catalog().models() {
        for field in model.fields() {
            let found = model.field(&field.name).map(|f| f.name.as_str());
            assert_eq!(
                found,
                Some(field.name.as_str()),
                "{}.{}",
                model.id,
                field.name
            );
        }
        assert!(model.field("no_such_attribute").is_none());
        assert!(model.field("").is_none());
    }
}
