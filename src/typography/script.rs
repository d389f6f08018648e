//! Traditional and Simplified Chinese by OpenCC (ferrous-opencc: pure Rust,
//! Apache-2.0, dictionaries compiled into the binary, so it works offline).

use std::sync::{Mutex, PoisonError};

use ferrous_opencc::OpenCC;
use ferrous_opencc::config::BuiltinConfig;

use super::Script;

/// `text` in `script`; unchanged for [`Script::Original`], or if the converter
/// cannot be built (it is compiled in, so that would be a packaging fault).
pub fn convert(text: &str, script: Script) -> String {
    /// The converter of the script last asked for, built on first use (a
    /// millisecond or two) and kept until another script is asked for. One, not
    /// one per script: each holds its dictionaries (up to 2 MiB), and the reader
    /// shows one script at a time; keeping all four took 6 MiB once the `script`
    /// key had gone round.
    static CONVERTER: Mutex<Option<(Script, Option<OpenCC>)>> = Mutex::new(None);
    let config = match script {
        Script::Original => return text.to_string(),
        // From any Traditional text: OpenCC's t2s reads Taiwan and Hong Kong forms too.
        Script::Simplified => BuiltinConfig::T2s,
        Script::Traditional => BuiltinConfig::S2t,
        // Taiwan's standard forms *and* phrases (软件 → 軟體).
        Script::Taiwan => BuiltinConfig::S2twp,
        Script::Hongkong => BuiltinConfig::S2hk,
    };
    let mut slot = CONVERTER.lock().unwrap_or_else(PoisonError::into_inner);
    if slot.as_ref().is_none_or(|(s, _)| *s != script) {
        // The old converter goes before the new one is built.
        *slot = None;
        *slot = Some((script, OpenCC::from_config(config).ok()));
    }
    match slot.as_ref().and_then(|(_, opencc)| opencc.as_ref()) {
        Some(opencc) => opencc.convert(text),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_script_converts() {
        let s = "党群驿站成为白领之家，软件和鼠标";
        assert_eq!(convert(s, Script::Original), s);
        assert_eq!(
            convert(s, Script::Traditional),
            "黨羣驛站成爲白領之家，軟件和鼠標"
        );
        assert_eq!(
            convert(s, Script::Taiwan),
            "黨群驛站成為白領之家，軟體和滑鼠"
        );
        // Hong Kong keeps 羣 and 軟件 but writes 為 (not the OpenCC standard's 爲).
        assert_eq!(
            convert(s, Script::Hongkong),
            "黨羣驛站成為白領之家，軟件和鼠標"
        );
        assert_eq!(
            convert("黨群驛站成為白領之家", Script::Simplified),
            "党群驿站成为白领之家"
        );
    }
}
