//! Base64 (RFC 4648 §4 and §5), strict as the `base64` crate's `STANDARD` and
//! `URL_SAFE_NO_PAD` engines are: canonical padding (or none), no stray symbols, no
//! non-zero trailing bits. Used for proposal bytes in run JSON, permalinks and etcdctl's JSON.
//!
//! Written here rather than taken from the `base64` crate because that crate's general engine
//! (unrolled fast paths for every configuration) cost the page ≈2.7 KB of gzipped wasm for
//! inputs of a few hundred bytes. The tests check this against that crate.

/// The standard alphabet (`+/`).
pub const STANDARD: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
/// The URL- and filename-safe alphabet (`-_`).
pub const URL_SAFE: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Why a text is not base64.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// A byte outside the alphabet, at this offset.
    InvalidByte(usize, u8),
    /// A length no encoding produces.
    InvalidLength,
    /// Padding missing, misplaced or not allowed.
    InvalidPadding,
    /// The last symbol carries bits that encode nothing.
    TrailingBits,
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::InvalidByte(at, b) => {
                write!(f, "invalid symbol {:?} at offset {at}", char::from(*b))
            }
            DecodeError::InvalidLength => f.write_str("invalid length"),
            DecodeError::InvalidPadding => f.write_str("invalid padding"),
            DecodeError::TrailingBits => f.write_str("invalid last symbol"),
        }
    }
}

/// `bytes` in `alphabet`, with `=` padding to a multiple of four if `pad`.
pub fn encode(bytes: impl AsRef<[u8]>, alphabet: &[u8; 64], pad: bool) -> String {
    let bytes = bytes.as_ref();
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let at = |i: usize| u32::from(chunk.get(i).copied().unwrap_or(0));
        let n = at(0) << 16 | at(1) << 8 | at(2);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(alphabet[(n >> (18 - 6 * i) & 63) as usize]));
            } else if pad {
                out.push('=');
            }
        }
    }
    out
}

/// The bytes `text` encodes in `alphabet`: padded canonically if `pad`, unpadded if not.
pub fn decode(text: &str, alphabet: &[u8; 64], pad: bool) -> Result<Vec<u8>, DecodeError> {
    let symbols = unpadded(text.as_bytes(), pad)?;
    let mut out = Vec::with_capacity(symbols.len() / 4 * 3 + 2);
    let (mut acc, mut bits) = (0u32, 0u32);
    for (at, &b) in symbols.iter().enumerate() {
        let value = alphabet
            .iter()
            .position(|&c| c == b)
            .ok_or(DecodeError::InvalidByte(at, b))?;
        acc = (acc << 6 | value as u32) & 0xFFFF;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    if acc & ((1 << bits) - 1) != 0 {
        return Err(DecodeError::TrailingBits);
    }
    Ok(out)
}

/// The symbols of `text` without its padding, once the length and padding are checked.
fn unpadded(text: &[u8], pad: bool) -> Result<&[u8], DecodeError> {
    let symbols = text.len() - text.iter().rev().take_while(|&&b| b == b'=').count();
    let (body, padding) = text.split_at(symbols);
    let needed = match body.len() % 4 {
        1 => return Err(DecodeError::InvalidLength),
        0 => 0,
        r => 4 - r,
    };
    let expected = if pad { needed } else { 0 };
    if padding.len() != expected {
        return Err(DecodeError::InvalidPadding);
    }
    Ok(body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::engine::general_purpose::{STANDARD as CRATE_STD, URL_SAFE_NO_PAD as CRATE_URL};
    use base64::Engine;
    use proptest::prelude::*;

    #[test]
    fn rfc4648_test_vectors() {
        let vectors = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ];
        for (plain, coded) in vectors {
            assert_eq!(encode(plain, STANDARD, true), coded);
            assert_eq!(
                decode(coded, STANDARD, true).as_deref(),
                Ok(plain.as_bytes())
            );
            let bare = coded.trim_end_matches('=');
            assert_eq!(encode(plain, URL_SAFE, false), bare);
            assert_eq!(
                decode(bare, URL_SAFE, false).as_deref(),
                Ok(plain.as_bytes())
            );
        }
    }

    #[test]
    fn malformed_text_is_refused() {
        assert_eq!(
            decode("Zg", STANDARD, true),
            Err(DecodeError::InvalidPadding)
        );
        assert_eq!(
            decode("Zg=", STANDARD, true),
            Err(DecodeError::InvalidPadding)
        );
        assert_eq!(
            decode("Zg==", URL_SAFE, false),
            Err(DecodeError::InvalidPadding)
        );
        assert_eq!(decode("Z", STANDARD, true), Err(DecodeError::InvalidLength));
        assert_eq!(
            decode("Zh==", STANDARD, true),
            Err(DecodeError::TrailingBits)
        );
        assert_eq!(
            decode("Zm 9", STANDARD, true),
            Err(DecodeError::InvalidByte(2, b' '))
        );
        assert_eq!(
            decode("a+b/", URL_SAFE, false),
            Err(DecodeError::InvalidByte(1, b'+'))
        );
    }

    proptest! {
        #[test]
        fn encodes_as_the_base64_crate(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
            prop_assert_eq!(encode(&bytes, STANDARD, true), CRATE_STD.encode(&bytes));
            prop_assert_eq!(encode(&bytes, URL_SAFE, false), CRATE_URL.encode(&bytes));
        }

        #[test]
        fn accepts_and_refuses_what_the_base64_crate_does(text in "[A-Za-z0-9+/_=-]{0,12}") {
            prop_assert_eq!(decode(&text, STANDARD, true).ok(), CRATE_STD.decode(&text).ok());
            prop_assert_eq!(decode(&text, URL_SAFE, false).ok(), CRATE_URL.decode(&text).ok());
        }
    }
}
