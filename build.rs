//! Splits the generated catalog (`src/catalog/models.json`) into a static table, one
//! row per model with its attributes still as JSON text: a check reads only the
//! models its blueprints name, so a process parses a few models' attributes instead
//! of the whole 150 KB catalog at start (1.6 ms, most of a one-file check).

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let source = "src/catalog/models.json";
    println!("cargo::rerun-if-changed={source}");
    println!("cargo::rerun-if-changed=build.rs");
    let text = std::fs::read_to_string(source).expect("src/catalog/models.json is readable");
    let catalog: serde_json::Value =
        serde_json::from_str(&text).expect("src/catalog/models.json is valid JSON");
    let generated_from = &catalog["generated_from"];
    let models = catalog["models"]
        .as_object()
        .expect("models.json has a `models` object");

    let mut out = String::new();
    let text_of = |value: &serde_json::Value, what: &str| -> String {
        value
            .as_str()
            .unwrap_or_else(|| panic!("models.json: {what} is a string"))
            .to_owned()
    };
    writeln!(
        out,
        "pub(super) const GENERATED_TITLE: &str = {:?};",
        text_of(&generated_from["title"], "generated_from.title")
    )
    .expect("write to a String");
    writeln!(
        out,
        "pub(super) const GENERATED_VERSION: &str = {:?};",
        text_of(&generated_from["version"], "generated_from.version")
    )
    .expect("write to a String");
    out.push_str("pub(super) static GENERATED_MODELS: &[GeneratedModel] = &[\n");
    for (id, model) in models {
        let meta = model["meta"]
            .as_bool()
            .unwrap_or_else(|| panic!("models.json: {id}.meta is a boolean"));
        let fields = model["fields"]
            .as_array()
            .unwrap_or_else(|| panic!("models.json: {id}.fields is a list"));
        let fields_json = serde_json::to_string(fields).expect("JSON values serialize");
        let permissions: Vec<String> = model["permissions"]
            .as_array()
            .unwrap_or_else(|| panic!("models.json: {id}.permissions is a list"))
            .iter()
            .map(|p| text_of(p, "a permission"))
            .collect();
        writeln!(
            out,
            "    GeneratedModel {{ id: {id:?}, meta: {meta}, fields_json: {fields_json:?}, \
             permissions: &{permissions:?} }},"
        )
        .expect("write to a String");
    }
    out.push_str("];\n");

    let out_dir = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(Path::new(&out_dir).join("catalog_models.rs"), out)
        .expect("OUT_DIR is writable");
}
