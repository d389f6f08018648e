#![allow(clippy::disallowed_macros, clippy::unwrap_used, clippy::expect_used)]
use std::time::Instant;
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let t = Instant::now();
    let rules = yuedu::article::text::chapters::default_rules();
    let t_rules = t.elapsed();
    let options = yuedu::article::text::TextOptions {
        encoding: None,
        rules,
    };
    let t = Instant::now();
    let bytes = std::fs::read(&path).unwrap();
    let t_read = t.elapsed();
    let t = Instant::now();
    let prefix = &bytes[..bytes.len().min(512 * 1024)];
    let plan = yuedu::article::text::plan(prefix, false, &options).unwrap();
    let t_plan = t.elapsed();
    let t = Instant::now();
    let ok = std::str::from_utf8(&bytes).is_ok();
    let t_utf8 = t.elapsed();
    eprintln!(
        "rules {t_rules:?} read {t_read:?} plan {t_plan:?} utf8 {t_utf8:?} {ok} {plan:?}",
        plan = plan.encoding().name()
    );
}
