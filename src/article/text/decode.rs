//! Bytes of a plain-text book -> UTF-8, whatever Windows or a download site saved it as.
//!
//! Order: a byte order mark decides (UTF-8, UTF-16LE, UTF-16BE); else valid UTF-8 is
//! UTF-8; else chardetng guesses among the legacy encodings (GBK/GB18030, Big5,
//! Shift_JIS, EUC-KR, ...) from the bytes, as Firefox does for unlabeled pages. A
//! forced encoding (`--encoding`, `[library] encoding`) skips the guessing.

use std::borrow::Cow;

use encoding_rs::{Encoding, GB18030, GBK, UTF_8};

/// Decoded text and what it took.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static Encoding,
    /// Byte offset of the first byte sequence the encoding could not decode (shown as
    /// U+FFFD); `None` when the whole file decoded cleanly.
    pub first_bad_byte: Option<usize>,
}

/// Decode `bytes`, with `forced` instead of detection when given.
pub fn decode(bytes: &[u8], forced: Option<&'static Encoding>) -> Decoded {
    let (encoding, bom) = encoding_of(bytes, forced);
    let (text, first_bad_byte) = decode_with(encoding, &bytes[bom..]);
    Decoded {
        text,
        encoding,
        first_bad_byte: first_bad_byte.map(|at| at + bom),
    }
}

/// The encoding [`decode`] reads `bytes` in, and the length of the BOM it drops.
pub fn encoding_of(bytes: &[u8], forced: Option<&'static Encoding>) -> (&'static Encoding, usize) {
    let (encoding, bom) = match (forced, Encoding::for_bom(bytes)) {
        // A BOM agrees with what was forced, or nothing was: it wins and is dropped.
        (None, Some((encoding, bom))) => (encoding, bom),
        (Some(f), Some((encoding, bom))) if f == encoding => (encoding, bom),
        (Some(f), _) => (f, 0),
        (None, None) => (guess(bytes), 0),
    };
    // GBK files routinely hold GB18030-only characters; GB18030 decodes both.
    let encoding = if encoding == GBK { GB18030 } else { encoding };
    (encoding, bom)
}

/// [`decode`] of bytes the caller gives up: valid UTF-8 becomes the text without
/// a copy (a novel is tens of megabytes; the copy was a third of the peak memory
/// of `dump`).
pub fn decode_owned(mut bytes: Vec<u8>, forced: Option<&'static Encoding>) -> Decoded {
    let bom = usize::from(bytes.starts_with(b"\xEF\xBB\xBF")) * 3;
    let utf8 = match forced {
        Some(f) => f == UTF_8,
        None => Encoding::for_bom(&bytes).is_none_or(|(e, _)| e == UTF_8),
    };
    if utf8 {
        bytes.drain(..bom);
        return match String::from_utf8(bytes) {
            Ok(text) => Decoded {
                text,
                encoding: UTF_8,
                first_bad_byte: None,
            },
            // Not all UTF-8: decode with replacement marks (the BOM is gone, so
            // positions shift by it).
            Err(e) => {
                let mut decoded = decode(e.as_bytes(), Some(UTF_8));
                decoded.first_bad_byte = decoded.first_bad_byte.map(|at| at + bom);
                decoded
            }
        };
    }
    decode(&bytes, forced)
}

/// One part of a book in an ASCII-compatible encoding, cut after a line feed (the
/// `first` part may start with a BOM, which is dropped): its text, borrowed when it
/// is valid UTF-8, and the offset in `bytes` of the first byte that did not decode.
pub fn decode_part<'a>(
    bytes: &'a [u8],
    encoding: &'static Encoding,
    first: bool,
) -> (Cow<'a, str>, Option<usize>) {
    if encoding != UTF_8 {
        if first {
            let decoded = decode(bytes, Some(encoding));
            return (Cow::Owned(decoded.text), decoded.first_bad_byte);
        }
        let (text, bad) = decode_with(encoding, bytes);
        return (Cow::Owned(text), bad);
    }
    let bom = if first && bytes.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    // simdutf8 checks Chinese text about ten times faster than `std::str::from_utf8`
    // (1.4 ms for 红楼梦), and says only whether: the rare failure is decoded again.
    match simdutf8::basic::from_utf8(&bytes[bom..]) {
        Ok(text) => (Cow::Borrowed(text), None),
        Err(_) => {
            let (text, bad) = decode_with(UTF_8, &bytes[bom..]);
            (Cow::Owned(text), bad.map(|at| at + bom))
        }
    }
}

/// UTF-8 when the bytes are valid UTF-8, else chardetng's guess for a Chinese
/// reader (top-level domain unknown; `allow_utf8` false: that was tried).
///
/// `bytes` may be the beginning of a file, cut anywhere: a UTF-8 sequence cut at
/// the end still counts as UTF-8. The detector sees at most the first 256 KiB,
/// plenty to tell GBK from Big5 and much faster on a novel.
fn guess(bytes: &[u8]) -> &'static Encoding {
    if simdutf8::basic::from_utf8(bytes).is_ok() {
        return UTF_8;
    }
    match std::str::from_utf8(bytes) {
        Ok(_) => return UTF_8,
        Err(e) if e.error_len().is_none() => return UTF_8,
        Err(_) => {}
    }
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(sample, sample.len() == bytes.len());
    detector.guess(None, false)
}

/// Decode with replacement, noting where the first malformed sequence was (the
/// replacing API of encoding_rs would hide where).
fn decode_with(encoding: &'static Encoding, bytes: &[u8]) -> (String, Option<usize>) {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let capacity = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len() * 3);
    let mut text = String::with_capacity(capacity);
    let mut read = 0;
    let mut first_bad = None;
    loop {
        let (result, used) =
            decoder.decode_to_string_without_replacement(&bytes[read..], &mut text, true);
        read += used;
        match result {
            encoding_rs::DecoderResult::InputEmpty => break,
            encoding_rs::DecoderResult::OutputFull => {
                text.reserve(bytes.len() - read + 16);
            }
            encoding_rs::DecoderResult::Malformed(length, consumed_after) => {
                // The bad sequence ends `consumed_after` bytes before `read`.
                let at = read - consumed_after as usize - length as usize;
                first_bad.get_or_insert(at);
                text.push('\u{FFFD}');
            }
        }
    }
    (text, first_bad)
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::{BIG5, UTF_16BE, UTF_16LE};

    const SAMPLE: &str = "第一回　甄士隐梦幻识通灵　贾雨村风尘怀闺秀\r\n    此开卷第一回也。作者自云：因曾历过一番梦幻之后，故将真事隐去，而借“通灵”之说，撰此《石头记》一书也。\r\n";

    fn utf16(text: &str, little: bool) -> Vec<u8> {
        let mut out = if little {
            vec![0xFF, 0xFE]
        } else {
            vec![0xFE, 0xFF]
        };
        for unit in text.encode_utf16() {
            let b = if little {
                unit.to_le_bytes()
            } else {
                unit.to_be_bytes()
            };
            out.extend(b);
        }
        out
    }

    #[test]
    fn each_encoding_is_detected() {
        let (gbk, _, _) = GB18030.encode(SAMPLE);
        let traditional = "第一回　甄士隱夢幻識通靈　賈雨村風塵懷閨秀\r\n    此開卷第一回也。作者自云：因曾歷過一番夢幻之後，故將真事隱去，而借「通靈」之說，撰此《石頭記》一書也。\r\n";
        let (big5, _, _) = BIG5.encode(traditional);
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend(SAMPLE.as_bytes());
        let cases: Vec<(Vec<u8>, &str, &Encoding)> = vec![
            (SAMPLE.as_bytes().to_vec(), SAMPLE, UTF_8),
            (bom, SAMPLE, UTF_8),
            (utf16(SAMPLE, true), SAMPLE, UTF_16LE),
            (utf16(SAMPLE, false), SAMPLE, UTF_16BE),
            (gbk.into_owned(), SAMPLE, GB18030),
            (big5.into_owned(), traditional, BIG5),
        ];
        for (bytes, text, encoding) in cases {
            let decoded = decode(&bytes, None);
            assert_eq!(decoded.encoding, encoding);
            assert_eq!(decoded.text, text, "{}", encoding.name());
            assert_eq!(decoded.first_bad_byte, None);
        }
    }

    #[test]
    fn a_forced_encoding_wins_over_the_guess() {
        let (gbk, _, _) = GB18030.encode(SAMPLE);
        let decoded = decode(&gbk, Some(BIG5));
        assert_eq!(decoded.encoding, BIG5);
        assert_ne!(decoded.text, SAMPLE);
        assert_eq!(decode(&gbk, Some(GBK)).text, SAMPLE, "GBK reads as GB18030");
    }

    #[test]
    fn bad_bytes_are_replaced_and_the_first_is_named() {
        let mut bytes = "第一回　开始".as_bytes().to_vec();
        let at = bytes.len();
        bytes.extend([0xFF, 0xFE, 0x80]);
        bytes.extend("结束".as_bytes());
        let decoded = decode(&bytes, Some(UTF_8));
        assert_eq!(decoded.first_bad_byte, Some(at));
        assert!(decoded.text.starts_with("第一回　开始\u{FFFD}"));
        assert!(decoded.text.ends_with("结束"));
    }
}
