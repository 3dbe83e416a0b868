//! `flowlint catalog [MODEL]`: what a release has, from the data flowlint judges with.

use clap::Args;

use super::Outcome;
use super::docs::ListFormat;
use crate::catalog::describe::{FieldDetail, Limits, ModelDetail, ModelList};
use crate::catalog::{Target, describe, describe_releases, embedded_versions};
use crate::error::ToolError;

#[derive(Debug, Args)]
pub struct CatalogArgs {
    /// A model id (`authentik_flows.flow`) to list its fields; none lists the models.
    pub model: Option<String>,
    /// The authentik release to describe, e.g. 2025.12 (default: the newest flowlint
    /// knows).
    #[arg(long, value_name = "VERSION")]
    pub authentik_version: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Human)]
    pub format: ListFormat,
}

pub fn run_catalog(args: &CatalogArgs) -> Result<Outcome, ToolError> {
    let target = match &args.authentik_version {
        Some(text) => Target::parse(text)
            .map_err(|e| ToolError::Usage(format!("--authentik-version: {e}")))?,
        None => Target::default(),
    };
    let release = target.release;
    let stdout = match &args.model {
        None => {
            let list = describe::list_models(release);
            match args.format {
                ListFormat::Json => json(&list),
                ListFormat::Human => human_list(&list),
            }
        }
        Some(id) => {
            let detail = describe::describe_model(release, id)
                .map_err(|e| ToolError::Usage(e.to_string()))?;
            match args.format {
                ListFormat::Json => json(&detail),
                ListFormat::Human => human_model(&detail),
            }
        }
    };
    Ok(Outcome {
        stdout,
        stderr: target
            .notice()
            .map(|n| format!("flowlint: {n}\n"))
            .unwrap_or_default(),
        code: super::EXIT_OK,
    })
}

fn json(value: &impl serde::Serialize) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default() + "\n"
}

fn human_list(list: &ModelList) -> String {
    let width = list.models.iter().map(|m| m.id.len()).max().unwrap_or(0);
    let mut out = format!(
        "authentik {} (data from {}): {} models\n\n",
        list.release,
        list.generated_from,
        list.models.len()
    );
    for model in list.models.iter().filter(|m| m.entry) {
        let what = model
            .verbose_name
            .or((model.kind != "model").then_some(model.kind))
            .unwrap_or("");
        out.push_str(format!("  {:width$}  {what}", model.id).trim_end());
        out.push('\n');
    }
    let find_only: Vec<_> = list.models.iter().filter(|m| !m.entry).collect();
    if !find_only.is_empty() {
        out.push_str("\n`!Find` only (no blueprint entry may name these):\n");
        for model in find_only {
            out.push_str(&format!("  {}\n", model.id));
        }
    }
    out
}

fn human_model(model: &ModelDetail) -> String {
    let mut out = model.id.clone();
    if let Some(name) = model.verbose_name {
        out.push_str(&format!(" ({name})"));
    }
    out.push_str(&format!(
        " in authentik {} (data from {})\n",
        model.release, model.generated_from
    ));
    if !model.entry {
        out.push_str("`!Find` only: no blueprint entry may name it\n");
    }
    out.push_str(&format!("exists {}\n", releases_text(&model.releases)));
    if !model.fields_exhaustive {
        out.push_str("its fields are not all known: unknown attributes are not reported\n");
    }
    out.push('\n');
    if !model.fields.is_empty() {
        out.push_str("fields (the releases are named where they differ from the model's):\n");
    }
    for field in &model.fields {
        out.push_str(&field_line(field, &model.releases));
    }
    if !model.permissions.is_empty() {
        out.push_str(&format!(
            "\npermissions: {}\n",
            model.permissions.join(", ")
        ));
    }
    out
}

fn field_line(field: &FieldDetail, model_releases: &[String]) -> String {
    let mut head = format!("  {}: {}", field.name, field.ty);
    if field.nullable {
        head.push_str(" or null");
    }
    if field.required {
        head.push_str(", required on create");
    } else if field.api_required {
        head.push_str(", the API requires it on create");
    }
    let mut facts = Vec::new();
    if let Some(choices) = &field.choices {
        facts.push(format!("choices: {}", choices.join(", ")));
    }
    let limits = limits_text(&field.limits);
    if !limits.is_empty() {
        facts.push(limits);
    }
    if let Some(format) = &field.format {
        facts.push(format!("format: {format}"));
    }
    if let Some(target) = &field.references {
        facts.push(format!("refers to a {target}"));
    }
    if field.secret {
        facts.push("secret (never printed)".to_owned());
    }
    if let Some(default) = &field.default {
        facts.push(format!("default: {default}"));
    }
    if field.releases != model_releases {
        facts.push(format!("exists {}", releases_text(&field.releases)));
    }
    let mut out = head + "\n";
    for fact in facts {
        out.push_str(&format!("      {fact}\n"));
    }
    out
}

fn limits_text(limits: &Limits) -> String {
    let mut parts = Vec::new();
    if let Some(min) = limits.min_length {
        parts.push(format!("min length {min}"));
    }
    if let Some(max) = limits.max_length {
        parts.push(format!("max length {max}"));
    }
    if let Some(min) = limits.minimum {
        parts.push(format!("minimum {min}"));
    }
    if let Some(max) = limits.maximum {
        parts.push(format!("maximum {max}"));
    }
    if let Some(max) = limits.max_items {
        parts.push(format!("at most {max} items"));
    }
    if let Some(pattern) = &limits.pattern {
        parts.push(format!("pattern {pattern}"));
    }
    parts.join(", ")
}

/// `"in every release flowlint knows (2024.12 to 2026.8)"`, `"from authentik 2026.5"`.
fn releases_text(versions: &[String]) -> String {
    let all = embedded_versions().count();
    if versions.len() == all {
        let first = embedded_versions().next();
        let last = embedded_versions().next_back();
        if let (Some(first), Some(last)) = (first, last) {
            return format!("in every release flowlint knows ({first} to {last})");
        }
    }
    describe_releases(|release| versions.contains(&release.version().to_string()))
        .unwrap_or_else(|| "in no release flowlint knows".to_owned())
}
