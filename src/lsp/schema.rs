//! `flowlint schema`: a JSON schema of blueprints for one release, and the exact
//! `customTags` list, for users who stay on the YAML extension.

use serde_json::{Map, Value, json};

use crate::catalog::{FieldFormat, FieldSpec, FieldType, Release};

/// The YAML extension's `yaml.customTags`: each tag with the node kind it takes, both
/// forms where authentik accepts a scalar or a sequence.
pub const CUSTOM_TAGS: [&str; 17] = [
    "!AtIndex sequence",
    "!Condition sequence",
    "!Context scalar",
    "!Context sequence",
    "!Enumerate sequence",
    "!Env scalar",
    "!Env sequence",
    "!File scalar",
    "!File sequence",
    "!Find sequence",
    "!FindObject sequence",
    "!Format sequence",
    "!If sequence",
    "!Index scalar",
    "!KeyOf scalar",
    "!ParseJSON scalar",
    "!Value scalar",
];

/// The schema: entries as a `oneOf` over the release's models, each with its fields.
/// A value written with a tag is a string or a list to the YAML extension, so typed
/// non-string fields also accept those (flowlint checks what the tag gives).
pub fn blueprint_schema(catalog: &Release) -> Value {
    let mut defs = Map::new();
    let mut entries = Vec::new();
    for model in catalog.models() {
        let fields: Map<String, Value> = model
            .fields()
            .iter()
            .map(|f| (f.name.clone(), field_schema(f, true)))
            .collect();
        let name = format!("model_{}", model.id);
        defs.insert(
            name.clone(),
            json!({"type": "object", "properties": fields}),
        );
        let required: &[&str] = if model.is_meta {
            &["model"]
        } else {
            &["model", "identifiers"]
        };
        entries.push(json!({
            "type": "object",
            "required": required,
            "properties": {
                "model": {"const": model.id},
                "id": {"type": "string"},
                "state": {"type": "string", "enum": ["absent", "created", "must_created", "present"], "default": "present"},
                "conditions": {"type": "array"},
                "permissions": {"type": "array"},
                "attrs": {"$ref": format!("#/$defs/{name}")},
                "identifiers": {"$ref": format!("#/$defs/{name}")},
            },
        }));
    }
    defs.insert("blueprint_entry".into(), json!({"oneOf": entries}));
    json!({
        "$schema": "http://json-schema.org/draft-07/schema",
        "$id": "https://goauthentik.io/blueprints/schema.json",
        "type": "object",
        "title": format!("authentik {} Blueprint schema (flowlint)", catalog.schema_version()),
        "required": ["version", "entries"],
        "properties": {
            "version": {"type": "integer", "default": 1},
            "metadata": {
                "type": "object",
                "required": ["name"],
                "properties": {
                    "name": {"type": "string"},
                    "labels": {"type": "object", "additionalProperties": {"type": "string"}},
                },
            },
            "context": {"type": "object", "additionalProperties": true},
            "entries": {"anyOf": [
                {"type": "array", "items": {"$ref": "#/$defs/blueprint_entry"}},
                {"type": "object", "additionalProperties": {"type": "array", "items": {"$ref": "#/$defs/blueprint_entry"}}},
            ]},
        },
        "$defs": defs,
    })
}

fn field_schema(field: &FieldSpec, tag_tolerant: bool) -> Value {
    let mut out = Map::new();
    let ty = match field.ty {
        FieldType::String => Some("string"),
        FieldType::Integer => Some("integer"),
        FieldType::Number => Some("number"),
        FieldType::Boolean => Some("boolean"),
        FieldType::Object => Some("object"),
        FieldType::Array => Some("array"),
        FieldType::Any => None,
    };
    if let Some(ty) = ty {
        let mut types = vec![ty];
        if tag_tolerant && !matches!(field.ty, FieldType::String) {
            types.extend(["string", "array"].iter().filter(|t| **t != ty));
        }
        if field.nullable {
            types.push("null");
        }
        out.insert(
            "type".into(),
            if types.len() == 1 {
                json!(ty)
            } else {
                json!(types)
            },
        );
    }
    if let Some(values) = &field.enum_values {
        out.insert("enum".into(), json!(values));
    }
    let numbers = [("minimum", field.minimum), ("maximum", field.maximum)];
    for (key, value) in numbers {
        if let Some(value) = value {
            out.insert(key.into(), json!(value));
        }
    }
    let counts = [
        ("minLength", field.min_length),
        ("maxLength", field.max_length),
        ("maxItems", field.max_items),
    ];
    for (key, value) in counts {
        if let Some(value) = value {
            out.insert(key.into(), json!(value));
        }
    }
    if let Some(format) = field.format {
        let name = match format {
            FieldFormat::Uuid => "uuid",
            FieldFormat::Email => "email",
            FieldFormat::DateTime => "date-time",
        };
        out.insert("format".into(), json!(name));
    }
    if let Some(items) = &field.items {
        out.insert("items".into(), field_schema(items, tag_tolerant));
    }
    if !field.properties.is_empty() {
        let props: Map<String, Value> = field
            .properties
            .iter()
            .map(|p| (p.name.clone(), field_schema(p, tag_tolerant)))
            .collect();
        out.insert("properties".into(), Value::Object(props));
    }
    Value::Object(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TagKind;

    #[test]
    fn every_tag_is_in_custom_tags() {
        for kind in TagKind::ALL {
            assert!(
                CUSTOM_TAGS
                    .iter()
                    .any(|t| t.split(' ').next() == Some(kind.name())),
                "{}",
                kind.name()
            );
        }
    }
}
