//! The scenario loader: any text is a scenario or an error, never a panic.
#![no_main]

use flowlint::simulate::Scenario;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match Scenario::parse("fuzz.scenario.yaml", text) {
        Ok(scenario) => {
            let _ = format!("{scenario:?}");
        }
        Err(error) => {
            let _ = error.to_string();
        }
    }
});
