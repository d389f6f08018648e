//! yuedu (悦读): a terminal reader for Chinese articles.
//!
//! The library holds everything testable; `main.rs` only parses the command line
//! and hands over.

pub mod app;
pub mod article;
pub mod cli;
pub mod commands;
pub mod config;
pub mod dump;
pub mod files;
pub mod gate;
pub mod layout;
pub mod reader;
pub mod search;
pub mod state;
pub mod term;
pub mod typography;
pub mod ui;
