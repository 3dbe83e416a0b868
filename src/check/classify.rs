//! What a YAML file is, judged from its name and its top-level keys, before it is
//! parsed: a blueprint, a scenario, a Kubernetes manifest carrying blueprints, or a
//! file that is plainly something else (a compose file, a workflow, a kustomization).
//!
//! The judgement is deliberately narrow: only files whose top level says what they
//! are, and that have no `entries:`, count as "not a blueprint". Anything else is
//! checked, as authentik would try to load it.

use super::embedded;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// A blueprint (or anything authentik would try to load as one).
    Blueprint,
    /// A `*.yml` file that looks like a blueprint: authentik never loads it.
    YmlBlueprint,
    /// A `*.yml` file that does not look like a blueprint.
    OtherYml,
    /// A `*.scenario.yaml` file (`flowlint test`).
    Scenario,
    /// A Kubernetes manifest with a ConfigMap whose `data` values are blueprints.
    Manifest,
    /// Plainly not a blueprint; what it is instead.
    NotBlueprint(&'static str),
}

/// What the file at `path` (as displayed; only its name is used) holding `text` is.
pub fn classify(path: &str, text: &str) -> FileKind {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    if name.ends_with(".scenario.yaml") || name.ends_with(".scenario.yml") {
        return FileKind::Scenario;
    }
    let keys = TopLevelKeys::of(text);
    if !keys.has("entries") {
        if let Some(what) = not_a_blueprint(name, &keys, text) {
            return what;
        }
    }
    if name.ends_with(".yml") {
        return if keys.look_like_blueprint() {
            FileKind::YmlBlueprint
        } else {
            FileKind::OtherYml
        };
    }
    FileKind::Blueprint
}

/// Whether a text's top level looks like a blueprint's (`entries:`, or `version:`
/// with `metadata:`).
pub fn looks_like_blueprint(text: &str) -> bool {
    TopLevelKeys::of(text).look_like_blueprint()
}

fn not_a_blueprint(name: &str, keys: &TopLevelKeys, text: &str) -> Option<FileKind> {
    let lower = name.to_ascii_lowercase();
    if keys.has("apiVersion") && keys.has("kind") {
        if !embedded::configmap_blueprints(text).is_empty() {
            return Some(FileKind::Manifest);
        }
        if keys.has("resources") || lower.starts_with("kustomization.") {
            return Some(FileKind::NotBlueprint("a kustomization file"));
        }
        return Some(FileKind::NotBlueprint(
            "a Kubernetes manifest (no ConfigMap holding a blueprint)",
        ));
    }
    if lower == "kustomization.yaml" || lower == "kustomization.yml" {
        return Some(FileKind::NotBlueprint("a kustomization file"));
    }
    let compose_name = lower.starts_with("docker-compose") || lower.starts_with("compose.");
    if (keys.has("services") || compose_name) && !keys.has("metadata") {
        return Some(FileKind::NotBlueprint("a Docker Compose file"));
    }
    if keys.has("jobs") && (keys.has("on") || keys.has("name")) {
        return Some(FileKind::NotBlueprint("a GitHub Actions workflow"));
    }
    if keys.has("apiVersion") && !keys.has("metadata") {
        return Some(FileKind::NotBlueprint("a Helm chart or Kubernetes file"));
    }
    None
}

/// The keys written at column 0 of a text (every document), read line by line
/// without parsing: enough to tell what a file is, never used to check it.
struct TopLevelKeys<'a>(Vec<&'a str>);

impl<'a> TopLevelKeys<'a> {
    /// The keys of the lines (as `str::lines` splits them) that start with a key.
    /// Only a line's first character decides whether it can: lines are found by
    /// their newlines (SIMD) and only a candidate's end is looked for, since reading
    /// a 10,000-line file line by line was 4% of an editor's edit.
    fn of(text: &'a str) -> Self {
        let bytes = text.as_bytes();
        let mut keys = Vec::new();
        let starts = std::iter::once(0).chain(memchr::memchr_iter(b'\n', bytes).map(|at| at + 1));
        for start in starts {
            let Some(first) = text[start..].chars().next() else {
                continue;
            };
            if !can_start_key(first) {
                continue;
            }
            let line = match memchr::memchr(b'\n', &bytes[start..]) {
                Some(len) => {
                    let line = &text[start..start + len];
                    line.strip_suffix('\r').unwrap_or(line)
                }
                None => &text[start..],
            };
            if let Some(key) = key_of(line) {
                keys.push(key);
            }
        }
        TopLevelKeys(keys)
    }

    fn has(&self, key: &str) -> bool {
        self.0.contains(&key)
    }

    fn look_like_blueprint(&self) -> bool {
        self.has("entries") || (self.has("version") && self.has("metadata"))
    }
}

/// Whether a line starting with `first` can hold a top-level key (not indented, no
/// comment, list item, document marker, directive, flow collection, complex key,
/// anchor, alias, tag or block scalar).
fn can_start_key(first: char) -> bool {
    !(first.is_whitespace()
        || matches!(
            first,
            '#' | '-' | '.' | '%' | '{' | '[' | '?' | '&' | '*' | '!' | '|' | '>'
        ))
}

/// The key of a `key: value` line, quotes removed.
fn key_of(line: &str) -> Option<&str> {
    if let Some(quote) = line.chars().next().filter(|c| *c == '"' || *c == '\'') {
        let rest = &line[1..];
        let end = rest.find(quote)?;
        return rest[end + 1..]
            .trim_start()
            .starts_with(':')
            .then(|| &rest[..end]);
    }
    let bytes = line.as_bytes();
    let colon = (0..bytes.len()).find(|&i| {
        bytes[i] == b':' && bytes.get(i + 1).is_none_or(|b| *b == b' ' || *b == b'\t')
    })?;
    Some(line[..colon].trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_files_apart_by_their_top_level() {
        let blueprint = "version: 1\nmetadata:\n  name: x\nentries: []\n";
        assert_eq!(classify("a/b.yaml", blueprint), FileKind::Blueprint);
        assert_eq!(classify("b.yml", blueprint), FileKind::YmlBlueprint);
        assert_eq!(classify("x.yml", "foo: 1\n"), FileKind::OtherYml);
        assert_eq!(classify("x.scenario.yaml", blueprint), FileKind::Scenario);
        let compose = "version: \"3.8\"\nservices:\n  server:\n    image: x\n";
        assert!(matches!(
            classify("docker-compose.yml", compose),
            FileKind::NotBlueprint(_)
        ));
        let workflow = "name: CI\non:\n  push:\njobs:\n  lint: {}\n";
        assert!(matches!(
            classify("ci.yaml", workflow),
            FileKind::NotBlueprint(_)
        ));
        let kustomization = "resources:\n  - a.yaml\n";
        assert!(matches!(
            classify("kustomization.yaml", kustomization),
            FileKind::NotBlueprint(_)
        ));
        // A blueprint with an odd extra key is still a blueprint.
        let odd = "services: 1\nversion: 1\nmetadata:\n  name: x\nentries: []\n";
        assert_eq!(classify("b.yaml", odd), FileKind::Blueprint);
    }

    /// The keys as read line by line (`str::lines`), the reading [`TopLevelKeys::of`]
    /// must equal.
    fn keys_line_by_line(text: &str) -> Vec<&str> {
        text.lines()
            .filter(|line| line.chars().next().is_some_and(can_start_key))
            .filter_map(key_of)
            .collect()
    }

    #[test]
    fn top_level_keys_are_those_of_a_line_by_line_reading() {
        let texts = [
            "version: 1\nmetadata:\n  name: x\nentries: []\n",
            "a: 1\r\nb: 2\r\n  c: 3\r\nd:\r",
            "a: 1\rb: 2\n\n\nc: 3",
            "\u{a0}a: 1\n\u{2028}b: 2\n\u{e9}t\u{e9}: 3\nx:\n",
            "- a: 1\n# b: 2\n--- \n%YAML 1.1\n\"q\": 1\n'r' : 2\n?k: 3\nk2:v\nk3:\tv",
            "",
            "\n",
            "only: line",
            "trailing:\r",
            "\r\nx: 1\r\n\r\n",
        ];
        for text in texts {
            assert_eq!(
                TopLevelKeys::of(text).0,
                keys_line_by_line(text),
                "{text:?}"
            );
        }
        for file in ["blueprints", "tests/fixtures"] {
            for entry in ignore::Walk::new(file).flatten() {
                let Ok(text) = std::fs::read_to_string(entry.path()) else {
                    continue;
                };
                let cr = text.replace('\n', "\r\n");
                for text in [text.as_str(), cr.as_str()] {
                    assert_eq!(TopLevelKeys::of(text).0, keys_line_by_line(text));
                }
            }
        }
    }

    #[test]
    fn reads_quoted_and_spaced_keys() {
        assert_eq!(key_of("\"entries\": []"), Some("entries"));
        assert_eq!(key_of("entries : []"), Some("entries"));
        assert_eq!(key_of("url: http://x"), Some("url"));
        assert_eq!(key_of("no colon here"), None);
    }
}
