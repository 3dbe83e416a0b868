//! `!!binary`: PyYAML's `construct_yaml_binary` (`base64.decodebytes`).

use super::Failure;

/// `construct_yaml_binary`: ASCII, then `base64.decodebytes` (characters outside the
/// alphabet are skipped; padding is checked).
pub fn construct_binary(text: &str) -> Result<(), Failure> {
    if !text.is_ascii() {
        return Err(Failure::Yaml(
            "failed to convert base64 data into ascii".into(),
        ));
    }
    let (mut quad, mut pads, mut data) = (0u8, 0u8, 0usize);
    for b in text.bytes() {
        if b == b'=' {
            pads += 1;
            if quad >= 2 && quad + pads >= 4 {
                return Ok(());
            }
            continue;
        }
        if !(b.is_ascii_alphanumeric() || b == b'+' || b == b'/') {
            continue;
        }
        pads = 0;
        data += 1;
        quad = (quad + 1) % 4;
    }
    match quad {
        0 => Ok(()),
        1 => Err(Failure::Yaml(format!(
            "failed to decode base64 data: Invalid base64-encoded string: number of data characters ({data}) cannot be 1 more than a multiple of 4"
        ))),
        _ => Err(Failure::Yaml(
            "failed to decode base64 data: Incorrect padding".into(),
        )),
    }
}

/// Python's `repr()` of the bytes `!!binary` builds from `text` (`b'hello'`), as DRF
/// puts `str(data)` in a message; `None` when PyYAML cannot decode it.
pub fn binary_repr(text: &str) -> Option<String> {
    construct_binary(text).ok()?;
    let mut bytes = Vec::new();
    let (mut acc, mut bits) = (0u32, 0u32);
    for b in text.bytes() {
        let v = match b {
            b'A'..=b'Z' => b - b'A',
            b'a'..=b'z' => b - b'a' + 26,
            b'0'..=b'9' => b - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            b'=' if bits >= 8 || bits == 0 => break,
            _ => continue,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            bytes.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    let quote = if bytes.contains(&b'\'') && !bytes.contains(&b'"') {
        '"'
    } else {
        '\''
    };
    let mut out = format!("b{quote}");
    for b in bytes {
        match b {
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            b if char::from(b) == quote => {
                out.push('\\');
                out.push(quote);
            }
            0x20..=0x7e => out.push(char::from(b)),
            b => out.push_str(&format!("\\x{b:02x}")),
        }
    }
    out.push(quote);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::binary_repr;

    #[test]
    fn bytes_repr_as_python_prints_it() {
        assert_eq!(binary_repr("aGVsbG8=").as_deref(), Some("b'hello'"));
        assert_eq!(binary_repr("aGVs\nbG8=").as_deref(), Some("b'hello'"));
        // b"it's" and b'a\n\x00'
        assert_eq!(binary_repr("aXQncw==").as_deref(), Some("b\"it's\""));
        assert_eq!(binary_repr("YQoA").as_deref(), Some("b'a\\n\\x00'"));
        assert_eq!(binary_repr("").as_deref(), Some("b''"));
        assert_eq!(binary_repr("aGVsbG8"), None);
    }
}
