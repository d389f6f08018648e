//! Helpers shared by the integration tests that run the binary.

#![allow(dead_code)] // each test crate uses its own subset

use std::process::{Command, Output};

/// Run the `yuedu` binary with `args`, never picking up the developer's own configuration.
pub fn yuedu(args: &[&str]) -> Output {
    let empty_home = std::env::temp_dir().join("yuedu-test-no-config");
    Command::new(env!("CARGO_BIN_EXE_yuedu"))
        .args(args)
        .env("XDG_CONFIG_HOME", &empty_home)
        .env("HOME", &empty_home)
        .output()
        .expect("run yuedu")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}
