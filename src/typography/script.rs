//! Traditional and Simplified Chinese by OpenCC (ferrous-opencc: pure Rust,
//! Apache-2.0, dictionaries compiled into the binary, so it works offline).

use std::sync::OnceLock;

use ferrous_opencc::OpenCC;
use ferrous_opencc::config::BuiltinConfig;

use super::Script;

/// `text` in `script`; unchanged for [`Script::Original`], or if the converter
/// cannot be built (it is compiled in, so that would be a packaging fault).
pub fn convert(text: &str, script: Script) -> String {
    match converter(script) {
        Some(opencc) => opencc.convert(text),
        None => text.to_string(),
    }
}

/// One converter per script, built on first use (a few milliseconds) and kept.
fn converter(script: Script) -> Option<&'static OpenCC> {
    static CONVERTERS: [OnceLock<Option<OpenCC>>; 4] = [
        OnceLock::new(),
        OnceLock::new(),
        OnceLock::new(),
        OnceLock::new(),
    ];
    let (slot, config) = match script {
        Script::Original => return None,
        // From any Traditional text: OpenCC's t2s reads Taiwan and Hong Kong forms too.
        Script::Simplified => (0, BuiltinConfig::T2s),
        Script::Traditional => (1, BuiltinConfig::S2t),
        // Taiwan's standard forms *and* phrases (软件 → 軟體).
        Script::Taiwan => (2, BuiltinConfig::S2twp),
        Script::Hongkong => (3, BuiltinConfig::S2hk),
    };
    CONVERTERS[slot]
        .get_or_init(|| OpenCC::from_config(config).ok())
        .as_ref()
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
