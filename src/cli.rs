//! Command-line interface (clap): the reader by default, plus `list`, `check`,
//! `dump`, `completions` and `man`.
//!
//! Conventions, as users know them from git, ripgrep and bat: `--help` and
//! `--version` on every subcommand; a PATH given before a subcommand means the
//! same as after it (`yuedu notes.md dump` = `yuedu dump notes.md`); `-` is
//! standard input.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::config::AmbiguousSetting;

/// yuedu (悦读): a terminal reader for Chinese articles.
#[derive(Debug, Parser)]
#[command(name = "yuedu", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// Article file, folder (opened as a library), article id, or `-` for standard
    /// input (default: the article read last, else the library).
    pub path: Option<PathBuf>,

    /// Add the articles (*.md, *.markdown) and books (*.txt) in DIR to the library; repeatable.
    #[arg(long = "articles", value_name = "DIR", global = true)]
    pub articles: Vec<PathBuf>,

    /// Configuration file (default: $XDG_CONFIG_HOME/yuedu/config.toml).
    #[arg(long, value_name = "FILE", global = true)]
    pub config: Option<PathBuf>,

    /// Width of East Asian Ambiguous characters (“ ” — … ·): overrides [text] ambiguous_width.
    #[arg(long, value_enum, global = true)]
    pub ambiguous: Option<AmbiguousSetting>,

    /// Columns of plain text output: `dump` (default 80), and the reader when its
    /// output is not a terminal (default $COLUMNS, else 80).
    #[arg(long, value_name = "COLUMNS", global = true)]
    pub width: Option<usize>,

    /// Encoding of .txt books (gbk, gb18030, big5, utf-16le, shift_jis...): overrides
    /// [library] encoding and the detection.
    #[arg(long, value_name = "NAME", global = true)]
    pub encoding: Option<String>,

    /// Run as a kiosk: no way out but [kiosk] exit_chord or SIGTERM, idle reset,
    /// attract mode, nothing written (see docs/kiosk.md).
    #[arg(long, global = true)]
    pub kiosk: bool,

    /// Read and write no reading memory (last article, places) this time.
    #[arg(long, global = true)]
    pub no_state: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// One line per article: id, date, sections, characters, title.
    List {
        /// Article files or folders to add to the library before listing.
        paths: Vec<PathBuf>,
    },
    /// Validate articles and configuration; print `path:line:column: message` per problem.
    /// Exit 0 when all is well, 1 otherwise.
    Check {
        /// Files or folders to check (default: the library and the configuration).
        paths: Vec<PathBuf>,
    },
    /// Print an article as the reading pane lays it out, one display line per line.
    Dump {
        /// Article id (see `list`), path, or `-` for standard input (default: the
        /// first article).
        article: Option<String>,
    },
    /// Print a shell completion script: `yuedu completions bash > ~/.local/share/bash-completion/completions/yuedu`.
    Completions {
        /// The shell to complete for.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff): `yuedu man > ~/.local/share/man/man1/yuedu.1`.
    Man,
}

/// The default `--width` of `dump`.
pub const DUMP_WIDTH: usize = 80;
