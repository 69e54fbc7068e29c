//! Turning a file's bytes into text: UTF-8 with or without a BOM, else Latin-1 (Windows-1252).

/// The decoded text and the name of the encoding it was read as.
pub fn decode(bytes: &[u8]) -> Result<(String, &'static str), String> {
    if bytes.is_empty() {
        return Err("the file is empty".into());
    }
    let sample = &bytes[..bytes.len().min(8192)];
    if sample.contains(&0) {
        return Err("it looks like a binary file, not CSV text".into());
    }
    let (without_bom, had_bom) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (rest, true),
        None => (bytes, false),
    };
    match std::str::from_utf8(without_bom) {
        Ok(text) => Ok((text.to_string(), if had_bom { "UTF-8 with BOM" } else { "UTF-8" })),
        Err(_) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(without_bom);
            Ok((text.into_owned(), "Latin-1"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_utf8_bom_and_latin1() {
        assert_eq!(decode(b"\xEF\xBB\xBFa,b"), Ok(("a,b".to_string(), "UTF-8 with BOM")));
        assert_eq!(decode("Café".as_bytes()).map(|(t, _)| t), Ok("Café".to_string()));
        assert_eq!(decode(b"Caf\xe9 \x80"), Ok(("Café €".to_string(), "Latin-1")));
        assert!(decode(b"").is_err());
        assert!(decode(b"PK\x03\x04\x00\x00").is_err());
    }
}
