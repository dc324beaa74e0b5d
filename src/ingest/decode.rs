//! Bytes to text: UTF-8 (a BOM kept so offsets stay file offsets), UTF-16 with a BOM, otherwise
//! Windows-1252; binary and blank files are refused with a reason.

use crate::extract::sentences::is_space;
use crate::model::TextOrigin;

/// Files above this are not articles; refusing them keeps memory bounded.
pub const MAX_BYTES: u64 = 64 * 1024 * 1024;

pub const TOO_LARGE: &str = "larger than 64 MiB";
pub const NUL: &str = "not text: NUL bytes (a binary file)";
pub const EMPTY: &str = "empty file";
pub const BLANK: &str = "blank: only whitespace";

/// Decodes a whole file, or says why it is not usable text.
pub fn decode(bytes: &[u8]) -> Result<(String, TextOrigin), String> {
    if bytes.len() as u64 > MAX_BYTES {
        return Err(TOO_LARGE.to_string());
    }
    decode_owned(bytes.to_vec())
}

/// `decode` of bytes the caller gives up: valid UTF-8 (the usual case) becomes the text in the
/// same buffer, without a copy.
pub fn decode_owned(bytes: Vec<u8>) -> Result<(String, TextOrigin), String> {
    if bytes.len() as u64 > MAX_BYTES {
        return Err(TOO_LARGE.to_string());
    }
    let (text, origin) = if let Some(encoding) = utf16_bom(&bytes) {
        let body = bytes.get(2..).unwrap_or_default();
        let (text, _) = encoding.decode_without_bom_handling(body);
        (text.into_owned(), TextOrigin::Decoded)
    } else if bytes.contains(&0) {
        return Err(NUL.to_string());
    } else {
        match String::from_utf8(bytes) {
            Ok(text) => (text, TextOrigin::Verbatim),
            Err(e) => {
                // Invalid UTF-8 from news sites is nearly always legacy Windows-1252 (smart quotes).
                let bytes = e.into_bytes();
                let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&bytes);
                (text.into_owned(), TextOrigin::Decoded)
            }
        }
    };
    if text.trim_start_matches('\u{FEFF}').is_empty() {
        return Err(EMPTY.to_string());
    }
    if is_blank(&text) {
        return Err(BLANK.to_string());
    }
    Ok((text, origin))
}

fn utf16_bom(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    match bytes {
        [0xFF, 0xFE, ..] => Some(encoding_rs::UTF_16LE),
        [0xFE, 0xFF, ..] => Some(encoding_rs::UTF_16BE),
        _ => None,
    }
}

pub fn is_blank(text: &str) -> bool {
    text.chars().all(is_space)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn utf8_bom_is_kept_so_offsets_are_file_offsets() {
        let bytes = b"\xEF\xBB\xBFHello world";
        let (text, origin) = decode(bytes).unwrap();
        assert_eq!(origin, TextOrigin::Verbatim);
        assert!(text.starts_with('\u{FEFF}'));
        assert_eq!(text.as_bytes(), bytes);
        assert_eq!(text.find("world"), Some(9));
    }

    #[test]
    fn utf16_le_and_be_with_bom() {
        let s = "Drone “attack” on Ain al-Asad";
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in s.encode_utf16() {
            le.extend(u.to_le_bytes());
            be.extend(u.to_be_bytes());
        }
        assert_eq!(decode(&le).unwrap(), (s.to_string(), TextOrigin::Decoded));
        assert_eq!(decode(&be).unwrap(), (s.to_string(), TextOrigin::Decoded));
        // An odd trailing byte is replaced, not a panic.
        le.push(0x41);
        assert!(decode(&le).is_ok());
    }

    #[test]
    fn windows_1252_smart_quotes() {
        let (text, origin) = decode(b"\x93Extremely seriously,\x94 he said \x96 caf\xe9").unwrap();
        assert_eq!(origin, TextOrigin::Decoded);
        assert_eq!(text, "“Extremely seriously,” he said – café");
    }

    #[test]
    fn owned_and_borrowed_agree() {
        let cases: [&[u8]; 8] = [
            b"\xEF\xBB\xBFHello world",
            b"\x93Extremely seriously,\x94 he said \x96 caf\xe9",
            b"abc\0def",
            b"",
            b" \r\n\t\xC2\xA0\n",
            b"\xEF\xBB\xBF",
            &[0xFF, 0xFE, 0x41, 0x00],
            "plain “UTF-8” text".as_bytes(),
        ];
        for bytes in cases {
            assert_eq!(decode(bytes), decode_owned(bytes.to_vec()), "{bytes:?}");
        }
    }

    #[test]
    fn nul_bytes_and_blank_files_are_refused() {
        assert_eq!(decode(b"abc\0def").unwrap_err(), NUL);
        assert_eq!(decode(b"").unwrap_err(), EMPTY);
        assert_eq!(decode(b" \r\n\t\xC2\xA0\n").unwrap_err(), BLANK);
        assert_eq!(decode(b"\xEF\xBB\xBF\n").unwrap_err(), BLANK);
        assert_eq!(decode(b"\xEF\xBB\xBF").unwrap_err(), EMPTY);
        assert_eq!(decode(&[0xFF, 0xFE]).unwrap_err(), EMPTY);
    }
}
