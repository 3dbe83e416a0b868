//! Embeds the generated catalogs, one per authentik release, as static tables.
//!
//! Sources: every `src/catalog/releases/<YEAR.MONTH>.json` (written by
//! `scripts/gen_catalog.py` from the release's published artifacts). A new file is a
//! new release: nothing else to change.
//!
//! Each model's attribute list stays JSON text (a check parses only the models its
//! blueprints name: parsing a whole catalog at start was 1.6 ms, most of a one-file
//! check). Identical texts are stored once across all releases (a model that did
//! not change between releases costs one index), which keeps ten releases near the
//! size of two. The tables hold offsets into one string, not `&str`s: a pointer in
//! a static is a relocation the loader applies at every start, on a page it writes
//! (the ids and texts as `&str`s were 1,715 relocations and 36 KB of such pages).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

struct ReleaseFile {
    /// `(year, month)`, the release's sort key.
    key: (u16, u16),
    label: String,
    path: String,
}

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=src/catalog/releases");
    let files = release_files();

    let mut texts: Vec<String> = Vec::new();
    let mut text_index: BTreeMap<String, usize> = BTreeMap::new();
    let mut pooled = |text: String| -> usize {
        if let Some(&index) = text_index.get(&text) {
            return index;
        }
        texts.push(text.clone());
        text_index.insert(text, texts.len() - 1);
        texts.len() - 1
    };

    // Model ids, each stored once: `(offset, length)` into `MODEL_IDS`.
    let mut ids = String::new();
    let mut id_at: BTreeMap<String, (usize, usize)> = BTreeMap::new();

    let mut releases = String::new();
    for file in &files {
        println!("cargo::rerun-if-changed={}", file.path);
        let text = std::fs::read_to_string(&file.path)
            .unwrap_or_else(|e| panic!("{} is readable: {e}", file.path));
        let catalog: serde_json::Value = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{} is valid JSON: {e}", file.path));
        let generated_from = &catalog["generated_from"];
        let full_version = generated_from["version"]
            .as_str()
            .unwrap_or(&file.label)
            .to_owned();
        let title = generated_from["title"]
            .as_str()
            .map_or_else(|| format!("authentik {full_version}"), str::to_owned);
        let models = catalog["models"]
            .as_object()
            .unwrap_or_else(|| panic!("{} has a `models` object", file.path));
        let mut rows = String::new();
        for (id, model) in models {
            let meta = model["meta"].as_bool().unwrap_or(false);
            let entry = model["entry"].as_bool().unwrap_or(true);
            let exhaustive = model["fields_exhaustive"].as_bool().unwrap_or(true);
            let fields = model["fields"]
                .as_array()
                .unwrap_or_else(|| panic!("{}: {id}.fields is a list", file.path));
            let fields = pooled(serde_json::to_string(fields).expect("JSON values serialize"));
            let permissions: Vec<&str> = model["permissions"]
                .as_array()
                .map(|list| list.iter().filter_map(serde_json::Value::as_str).collect())
                .unwrap_or_default();
            let permissions = pooled(permissions.join(" "));
            let (id_start, id_len) = *id_at.entry(id.clone()).or_insert_with(|| {
                ids.push_str(id);
                (ids.len() - id.len(), id.len())
            });
            let id_len = u8::try_from(id_len).unwrap_or_else(|_| panic!("{id} is too long"));
            writeln!(
                rows,
                "        GeneratedModel {{ id: ({id_start}, {id_len}), meta: {meta}, \
                 entry: {entry}, exhaustive: {exhaustive}, fields: {fields}, \
                 permissions: {permissions} }},"
            )
            .expect("write to a String");
        }
        writeln!(
            releases,
            "    GeneratedRelease {{ year: {}, month: {}, full_version: {full_version:?}, \
             title: {title:?}, models: &[\n{rows}    ] }},",
            file.key.0, file.key.1
        )
        .expect("write to a String");
    }

    let mut out = String::new();
    writeln!(
        out,
        "pub(super) const RELEASE_COUNT: usize = {};",
        files.len()
    )
    .expect("write to a String");
    writeln!(out, "pub(super) static MODEL_IDS: &str = {ids:?};").expect("write to a String");
    let mut pool = String::new();
    out.push_str("pub(super) static TEXT_SPANS: &[(u32, u32)] = &[\n");
    for text in &texts {
        writeln!(out, "    ({}, {}),", pool.len(), pool.len() + text.len())
            .expect("write to a String");
        pool.push_str(text);
    }
    out.push_str("];\n");
    writeln!(out, "pub(super) static TEXT_POOL: &str = {pool:?};").expect("write to a String");
    out.push_str("pub(super) static GENERATED_RELEASES: &[GeneratedRelease] = &[\n");
    out.push_str(&releases);
    out.push_str("];\n");

    let out_dir = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(Path::new(&out_dir).join("catalog_releases.rs"), out)
        .expect("OUT_DIR is writable");
    embed_baseline(Path::new(&out_dir));
}

/// The install baseline (`src/baseline/objects.json`, written by
/// `scripts/gen_baseline.py`) as a static table, so no check parses its JSON at start
/// (that parse was about a fifth of a one-file check's instructions).
fn embed_baseline(out_dir: &Path) {
    const PATH: &str = "src/baseline/objects.json";
    println!("cargo::rerun-if-changed={PATH}");
    let text = std::fs::read_to_string(PATH).unwrap_or_else(|e| panic!("{PATH} is readable: {e}"));
    let file: serde_json::Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{PATH} is valid JSON: {e}"));
    let objects = file["objects"]
        .as_array()
        .unwrap_or_else(|| panic!("{PATH} has an `objects` list"));
    let text_of = |value: &serde_json::Value, what: &str| -> String {
        value
            .as_str()
            .unwrap_or_else(|| panic!("{PATH}: `{what}` is a string"))
            .to_owned()
    };
    let mut out = String::from(
        "/// `(model, fields, (since year, month), source)` of every shipped object (build.rs).\n\
         static SHIPPED: &[ShippedRow] = &[\n",
    );
    for object in objects {
        let fields = object["fields"]
            .as_object()
            .unwrap_or_else(|| panic!("{PATH}: `fields` is an object"));
        let mut pairs = String::new();
        for (key, value) in fields {
            write!(pairs, "({key:?}, {:?}), ", text_of(value, key)).expect("String writes");
        }
        let since = text_of(&object["since"], "since");
        let (year, month) = since
            .split_once('.')
            .and_then(|(year, month)| Some((year.parse::<u16>().ok()?, month.parse::<u16>().ok()?)))
            .unwrap_or_else(|| panic!("{PATH}: `since` {since:?} is YEAR.MONTH"));
        writeln!(
            out,
            "    ({:?}, &[{pairs}], ({year}, {month}), {:?}),",
            text_of(&object["model"], "model"),
            text_of(&object["source"], "source"),
        )
        .expect("String writes");
    }
    out.push_str("];\n");
    std::fs::write(out_dir.join("baseline_objects.rs"), out).expect("OUT_DIR is writable");
}

/// The release files, oldest first.
fn release_files() -> Vec<ReleaseFile> {
    let mut files: Vec<ReleaseFile> = std::fs::read_dir("src/catalog/releases")
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            let label = name.strip_suffix(".json")?.to_owned();
            let (year, month) = label.split_once('.')?;
            let key = (year.parse().ok()?, month.parse().ok()?);
            Some(ReleaseFile {
                key,
                label,
                path: format!("src/catalog/releases/{name}"),
            })
        })
        .collect();
    assert!(
        !files.is_empty(),
        "src/catalog/releases/ holds no release file (scripts/gen_catalog.py writes them)"
    );
    files.sort_by_key(|file| file.key);
    files
}
