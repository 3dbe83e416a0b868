//! Inline suppressions: `# flowlint: ignore[FL101, unknown-key]` on a finding's line
//! or on its own line just above, and `# flowlint: ignore-file[FL101]` anywhere.
//! A suppression that suppresses nothing is reported as FL901 `unused-suppression`;
//! an unknown code in one as FL902 `unknown-suppression-code`.

mod scan;

use std::collections::HashMap;

pub use scan::{Directive, DirectiveCode, DirectiveKind, Malformed, Scan, scan};

use crate::check::RuleSelection;
use crate::finding::Finding;
use crate::rules::meta::{UNKNOWN_SUPPRESSION_CODE, UNUSED_SUPPRESSION};
use crate::rules::{self, Rule};
use crate::source::SourceFile;

/// One file's directives, with which codes were used.
struct FileDirectives {
    scan: Scan,
    /// `used[d][c]`: code `c` of directive `d` suppressed at least one finding.
    used: Vec<Vec<bool>>,
    /// The rule each code names (`None` when unknown).
    resolved: Vec<Vec<Option<&'static Rule>>>,
    /// Indexes of `ignore` directives by the line they target, and of `ignore-file` ones,
    /// so a finding looks at its own line's directives only.
    by_line: HashMap<u32, Vec<usize>>,
    file_wide: Vec<usize>,
}

impl FileDirectives {
    fn new(file: &SourceFile) -> Self {
        // Most files have no directive: skip the line scan for them.
        let scan = if file.text.contains("flowlint:") {
            scan(&file.text)
        } else {
            Scan::default()
        };
        let used = scan
            .directives
            .iter()
            .map(|d| vec![false; d.codes.len()])
            .collect();
        let resolved = scan
            .directives
            .iter()
            .map(|d| {
                d.codes
                    .iter()
                    .map(|c| rules::by_code_or_name(&c.text))
                    .collect()
            })
            .collect();
        let mut by_line: HashMap<u32, Vec<usize>> = HashMap::new();
        let mut file_wide = Vec::new();
        for (d, directive) in scan.directives.iter().enumerate() {
            match directive.kind {
                DirectiveKind::Line => by_line.entry(directive.target_line).or_default().push(d),
                DirectiveKind::File => file_wide.push(d),
            }
        }
        FileDirectives {
            scan,
            used,
            resolved,
            by_line,
            file_wide,
        }
    }

    /// Whether a finding on `line` is suppressed; marks every matching code used.
    fn suppresses(&mut self, rule: &Rule, line: u32) -> bool {
        let mut hit = false;
        let on_line = self.by_line.get(&line).map_or(&[][..], Vec::as_slice);
        for &d in on_line.iter().chain(&self.file_wide) {
            for (c, resolved) in self.resolved[d].iter().enumerate() {
                if resolved.is_some_and(|r| r.code == rule.code) {
                    self.used[d][c] = true;
                    hit = true;
                }
            }
        }
        hit
    }
}

/// Remove suppressed findings, add FL901/FL902 findings, and return how many findings
/// were suppressed. Call after disabled rules' findings are removed.
pub fn apply(
    files: &[SourceFile],
    findings: &mut Vec<Finding>,
    selection: &RuleSelection,
) -> usize {
    let mut per_file: Vec<FileDirectives> = files.iter().map(FileDirectives::new).collect();
    let before = findings.len();
    findings.retain(|f| !is_suppressed(files, &mut per_file, f));
    let mut suppressed = before - findings.len();

    let mut meta = Vec::new();
    for (id, directives) in per_file.iter().enumerate() {
        for malformed in &directives.scan.malformed {
            meta.push(Finding::new(
                &UNKNOWN_SUPPRESSION_CODE,
                id,
                malformed.span,
                malformed.message.clone(),
            ));
        }
        for (d, directive) in directives.scan.directives.iter().enumerate() {
            for (c, code) in directive.codes.iter().enumerate() {
                match directives.resolved[d][c] {
                    None => {
                        let mut finding = Finding::new(
                            &UNKNOWN_SUPPRESSION_CODE,
                            id,
                            code.span,
                            format!("`{}` is not a flowlint rule code or name", code.text),
                        );
                        let suggestion = rules::suggest::did_you_mean(
                            &code.text,
                            rules::RULES
                                .iter()
                                .map(|r| r.name)
                                .chain(rules::RULES.iter().map(|r| r.code)),
                        );
                        finding.help(match suggestion {
                            Some(s) => {
                                format!("did you mean `{s}`? `flowlint rules` lists every rule")
                            }
                            None => "`flowlint rules` lists every rule".to_string(),
                        });
                        meta.push(finding);
                    }
                    // Suppressions of meta rules and of rules switched off are never "unused".
                    Some(rule)
                        if !directives.used[d][c]
                            && selection.is_enabled(rule)
                            && !is_meta(rule) =>
                    {
                        let scope = match directive.kind {
                            DirectiveKind::Line => format!("on line {}", directive.target_line),
                            DirectiveKind::File => "in this file".to_string(),
                        };
                        let mut finding = Finding::new(
                            &UNUSED_SUPPRESSION,
                            id,
                            code.span,
                            format!(
                                "this suppression of {} {} matches no finding {scope}",
                                rule.code, rule.name
                            ),
                        );
                        finding.help("remove the code from the suppression, or the whole comment");
                        meta.push(finding);
                    }
                    Some(_) => {}
                }
            }
        }
    }
    meta.retain(|f| selection.is_enabled(f.rule));
    let meta_count = meta.len();
    meta.retain(|f| !is_suppressed(files, &mut per_file, f));
    suppressed += meta_count - meta.len();
    findings.extend(meta);
    suppressed
}

fn is_meta(rule: &Rule) -> bool {
    rule.code == UNUSED_SUPPRESSION.code || rule.code == UNKNOWN_SUPPRESSION_CODE.code
}

fn is_suppressed(files: &[SourceFile], per_file: &mut [FileDirectives], finding: &Finding) -> bool {
    let (Some(file), Some(directives)) = (files.get(finding.file), per_file.get_mut(finding.file))
    else {
        return false;
    };
    if directives.scan.directives.is_empty() {
        return false;
    }
    let line = file.line_col(finding.span.start).line;
    directives.suppresses(finding.rule, line)
}
