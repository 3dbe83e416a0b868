//! Unit tests of the catalog, grouped by topic.

mod fields;
mod hints;
mod lookup;
mod models;

use super::{FieldSpec, ModelSpec, catalog};

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
