//! The blueprint model and every rule: any text checks without a panic, every
//! finding lies inside the text, and every renderer copes with the report.
#![no_main]

use flowlint::check::{Settings, check_text};
use flowlint::output;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let report = check_text("fuzz.yaml", text, &Settings::default());
    for finding in &report.findings {
        let (start, end) = (finding.span.start as usize, finding.span.end as usize);
        assert!(
            start <= end && end <= text.len(),
            "{} span {start}..{end} outside {}",
            finding.rule.code,
            text.len()
        );
        assert!(
            text.is_char_boundary(start) && text.is_char_boundary(end),
            "{} span splits a char",
            finding.rule.code
        );
    }
    let _ = output::json::render(&report);
    let _ = output::human::render(&report, output::human::HumanOptions::default());
});
