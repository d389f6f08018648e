//! `yuedu`: parse the command line, load configuration and library, hand over.

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use clap::Parser;

use yuedu::app::Keymap;
use yuedu::article::library::{Library, Problem};
use yuedu::cli::{Cli, Command};
use yuedu::commands;
use yuedu::config::{AmbiguousSetting, Config};
use yuedu::gate::{self, warn};
use yuedu::reader::Start;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => return clap_exit(&error),
    };
    match run(cli) {
        Ok(code) => ExitCode::from(code.clamp(0, 255) as u8),
        // A reader of our output went away (`yuedu list | head -1`): like `cat`
        // and ripgrep, stop quietly and successfully.
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            warn(format_args!("yuedu: {e:#}"));
            ExitCode::from(1)
        }
    }
}

/// clap's help, version or usage error, printed through the gate: its errors
/// quote the arguments, and a file name from a glob can carry escape codes.
fn clap_exit(error: &clap::Error) -> ExitCode {
    let text = error.render().to_string();
    let text = gate::escape_lines(&text);
    let written = if error.use_stderr() {
        io::stderr().lock().write_all(text.as_bytes())
    } else {
        io::stdout().lock().write_all(text.as_bytes())
    };
    match written {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => ExitCode::from(1),
        _ => ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(2)),
    }
}

/// True when the error is, at bottom, a write to a closed pipe.
fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

fn run(cli: Cli) -> anyhow::Result<i32> {
    let checking = matches!(cli.command, Some(Command::Check { .. }));
    // A bad configuration stops everything, before the terminal is touched;
    // except for `check`, which reports it beside everything else it finds.
    let mut config_problems = Vec::new();
    let (mut config, config_path) = match Config::load(cli.config.as_deref()) {
        Ok(loaded) => loaded,
        Err(e) if checking => {
            config_problems.push(commands::config_problem(&e));
            (Config::default(), None)
        }
        Err(e) => {
            warn(format_args!("yuedu: {e}"));
            return Ok(2);
        }
    };
    config.kiosk.enabled |= cli.kiosk;
    let ambiguous = cli.ambiguous.unwrap_or(config.text.ambiguous_width);
    let (stdout, stderr) = (io::stdout(), io::stderr());

    if let Some(Command::Check { paths }) = &cli.command
        && !paths.is_empty()
    {
        return Ok(commands::check_paths(
            paths,
            config.library.max_file_bytes,
            config_problems,
            &mut stdout.lock(),
        )?);
    }

    let (library, opened) = load_library(&config, &cli.articles, cli.path.as_deref());

    match &cli.command {
        Some(Command::List) => Ok(commands::list(
            &library,
            &mut stdout.lock(),
            &mut stderr.lock(),
        )?),
        Some(Command::Check { .. }) => Ok(commands::check_library(
            &library,
            config_path.as_deref(),
            config_problems,
            &mut stdout.lock(),
        )?),
        Some(Command::Dump { article, width }) => {
            let mut library = library;
            // A key that names something on disk is a path, whatever it is:
            // a symlink loop must be reported as one, not as "no article".
            let key = match article {
                Some(key) if is_on_disk(Path::new(key)) && library.find(key).is_none() => {
                    let before = library.problems.len();
                    library.add_path(Path::new(key));
                    if library.problems.len() > before {
                        for problem in &library.problems {
                            warn(format_args!("{problem}"));
                        }
                        return Ok(1);
                    }
                    Some(key.as_str())
                }
                other => other.as_deref(),
            };
            for problem in &library.problems {
                warn(format_args!("{problem}"));
            }
            let ambiguous = commands::ambiguous_for_pipe(ambiguous);
            Ok(commands::dump(
                &library,
                key,
                *width,
                &config,
                ambiguous,
                &mut stdout.lock(),
                &mut stderr.lock(),
            )?)
        }
        None => {
            let start = match opened {
                Some(Some(start)) => start,
                Some(None) => {
                    for problem in &library.problems {
                        warn(format_args!("{problem}"));
                    }
                    return Ok(1);
                }
                None => Start::Last,
            };
            // A kiosk writes nothing: no reading memory.
            let state = (!cli.no_state && config.state.enabled && !config.kiosk.enabled)
                .then(yuedu::state::default_path)
                .flatten();
            reader(library, start, &config, ambiguous, state, &cli)
        }
    }
}

/// The library: bundled articles, `[library] dirs`, `--articles` and PATH; and,
/// when PATH was given, where it says the reader starts (`None`: it failed).
fn load_library(
    config: &Config,
    articles: &[std::path::PathBuf],
    path: Option<&Path>,
) -> (Library, Option<Option<Start>>) {
    let mut library = Library::bundled();
    library.max_file_bytes = config.library.max_file_bytes;
    for dir in config.library.dirs.iter().chain(articles) {
        library.add_dir(dir);
    }
    let opened = path.map(|path| open_path(&mut library, path));
    (library, opened)
}

/// SIGHUP in a kiosk: the configuration and the library, loaded again as at
/// start-up. A configuration that no longer loads keeps the previous one.
fn reload(app: &mut yuedu::app::App, cli: &Cli) {
    let config = match Config::load(cli.config.as_deref()) {
        Ok((mut config, _)) => {
            config.kiosk.enabled = true;
            config
        }
        Err(error) => {
            if let Some(kiosk) = app.kiosk.as_mut() {
                kiosk.log.push(format!(
                    "reload: {error} (the previous configuration stays)"
                ));
            }
            app.config.clone()
        }
    };
    let keymap = match Keymap::from_config(&config.keys) {
        Ok(keymap) => keymap,
        Err(_) => app.keymap.clone(),
    };
    let theme = yuedu::ui::theme::Theme::new(&config.theme, yuedu::ui::theme::no_color_from_env());
    let (library, _) = load_library(&config, &cli.articles, cli.path.as_deref());
    app.reload(config, keymap, theme, library);
}

/// Load `yuedu PATH` into the library; where the reader starts. A folder opens
/// as the library, a file as its article; a PATH that is not on disk may be an
/// article id (as `list` prints them).
fn open_path(library: &mut Library, path: &Path) -> Option<Start> {
    match yuedu::files::metadata(path) {
        Ok(metadata) if metadata.is_dir() => {
            library.add_dir(path);
            let any = library.articles.iter().any(
                |a| matches!(&a.origin, yuedu::article::Origin::File(p) if p.starts_with(path)),
            );
            if !any {
                library.problems.push(Problem::new(
                    path.display().to_string(),
                    "no readable article (*.md) in this folder",
                ));
                return None;
            }
            Some(if library.articles.len() > 1 {
                Start::Library
            } else {
                Start::Article(0)
            })
        }
        // Anything else goes to the loader, which names FIFOs and devices.
        Ok(_) => library.add_file(path).map(Start::Article),
        Err(error) => {
            let id = path.to_str().and_then(|key| library.find(key));
            if let Some(index) = id.filter(|_| !is_on_disk(path)) {
                return Some(Start::Article(index));
            }
            let message = match error {
                yuedu::files::ReadError::NotFound => {
                    "no such file, folder or article id (see `yuedu list`)".to_string()
                }
                other => other.to_string(),
            };
            library
                .problems
                .push(Problem::new(path.display().to_string(), message));
            None
        }
    }
}

/// True when something (a file, a folder, a link, even a broken one) is at `path`.
fn is_on_disk(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok()
}

/// The reader screen. The keymap is checked before the terminal is touched,
/// so a bad `[keys]` entry is a plain message, not a garbled screen.
fn reader(
    library: Library,
    start: Start,
    config: &Config,
    ambiguous: AmbiguousSetting,
    state: Option<std::path::PathBuf>,
    cli: &Cli,
) -> anyhow::Result<i32> {
    let keymap = match Keymap::from_config(&config.keys) {
        Ok(keymap) => keymap,
        Err(error) => {
            warn(format_args!("yuedu: {error}"));
            return Ok(2);
        }
    };
    let reloader = |app: &mut yuedu::app::App| reload(app, cli);
    let reload_fn: Option<&yuedu::reader::Reload<'_>> =
        config.kiosk.enabled.then_some(&reloader as _);
    let (ending, message) =
        yuedu::reader::run(library, start, config, keymap, ambiguous, state, reload_fn)?;
    for line in message.iter().flat_map(|m| m.lines()) {
        warn(format_args!("yuedu: {line}"));
    }
    Ok(ending.exit_code())
}
