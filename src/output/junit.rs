//! `--format junit`: JUnit XML with one test case per checked file; a file with
//! findings fails with every finding listed.

use super::finding_location;
use crate::check::Report;

/// Escape text for XML attributes and content, dropping characters XML 1.0 forbids.
pub fn escape_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

pub fn render(report: &Report) -> String {
    let mut cases = String::new();
    let mut failures = 0;
    for (id, file) in report.files.iter().enumerate() {
        let findings: Vec<_> = report.findings.iter().filter(|f| f.file == id).collect();
        let path = escape_xml(&file.path);
        if findings.is_empty() {
            cases.push_str(&format!(
                "    <testcase name=\"{path}\" classname=\"flowlint\" file=\"{path}\"/>\n"
            ));
            continue;
        }
        failures += 1;
        let mut body = String::new();
        for finding in &findings {
            let (start, _) = finding_location(report, finding);
            body.push_str(&format!(
                "{}:{}:{}: {} {} ({}): {}\n",
                file.path,
                start.line,
                start.column,
                finding.rule.code,
                finding.rule.name,
                finding.severity.as_str(),
                finding.message
            ));
        }
        let worst = findings
            .iter()
            .map(|f| f.severity)
            .max()
            .map_or("error", |s| s.as_str());
        cases.push_str(&format!(
            "    <testcase name=\"{path}\" classname=\"flowlint\" file=\"{path}\">\n      <failure message=\"{} finding{}\" type=\"{worst}\">{}</failure>\n    </testcase>\n",
            findings.len(),
            if findings.len() == 1 { "" } else { "s" },
            escape_xml(&body)
        ));
    }
    let tests = report.files.len();
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"flowlint\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\">\n  <testsuite name=\"flowlint\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\" skipped=\"0\">\n{cases}  </testsuite>\n</testsuites>\n"
    )
}
