//! `yuedu`: parse the command line, load configuration and library, hand over.

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use std::io::IsTerminal;

use clap::{CommandFactory, Parser};

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

fn run(mut cli: Cli) -> anyhow::Result<i32> {
    // Generated from the command definition: nothing to load.
    match &cli.command {
        Some(Command::Completions { shell }) => return completions(*shell),
        Some(Command::Man) => return man(),
        _ => {}
    }
    if let Err(message) = path_before_subcommand(&mut cli) {
        warn(format_args!("yuedu: {message}"));
        return Ok(2);
    }
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
    let text_options = match config.text_options(cli.encoding.as_deref()) {
        Ok(options) => options,
        Err(message) => {
            warn(format_args!("yuedu: {message}"));
            return Ok(2);
        }
    };
    let ambiguous = cli.ambiguous.unwrap_or(config.text.ambiguous_width);
    let (stdout, stderr) = (io::stdout(), io::stderr());

    if let Some(Command::Check { paths }) = &cli.command
        && !paths.is_empty()
    {
        return Ok(commands::check_paths(
            paths,
            config.library.max_file_bytes,
            text_options,
            config_problems,
            &mut stdout.lock(),
        )?);
    }

    // `dump FILE` needs nothing of the library: a file on disk is read alone (as
    // `yuedu FILE` opens it), and a book streams through the layout.
    if let Some(Command::Dump { article: Some(key) }) = &cli.command
        && key != "-"
        && is_on_disk(Path::new(key))
    {
        return Ok(commands::dump_file(
            Path::new(key),
            &config,
            text_options,
            cli.width.unwrap_or(yuedu::cli::DUMP_WIDTH),
            commands::ambiguous_for_pipe(ambiguous),
            &mut stdout.lock(),
            // Not locked: `dump` lays out on other threads, and one that panicked
            // could not print why while this one held standard error.
            &mut io::stderr(),
        )?);
    }

    let (mut library, opened) =
        load_library(&config, text_options, &cli.articles, cli.path.as_deref());
    if let Some(Command::List { paths }) = &cli.command {
        for path in paths {
            library.add_path(path);
        }
    }
    // The commands need whole books; the reader shows a book's beginning first.
    if cli.command.is_some() {
        library.finish();
    }
    // `dump` and the plain output say it themselves; the reader on its status line.
    if matches!(
        cli.command,
        Some(Command::List { .. } | Command::Check { .. })
    ) {
        warn_about(&library);
    }

    match &cli.command {
        Some(Command::List { .. }) => Ok(commands::list(
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
        Some(Command::Dump { article }) => {
            let width = cli.width.unwrap_or(yuedu::cli::DUMP_WIDTH);
            dump(library, article.as_deref(), width, &config, ambiguous)
        }
        Some(Command::Completions { .. } | Command::Man) => Ok(0),
        None => {
            let start = match opened {
                Some(Some(start)) => start,
                Some(None) => {
                    for problem in &library.problems {
                        warn(format_args!("yuedu: {problem}"));
                    }
                    return Ok(1);
                }
                None => Start::Last,
            };
            // Output that is not a terminal gets the article as plain text, as bat
            // and glow do: `yuedu | less`, `yuedu > notes.txt`. So does a terminal
            // that says it cannot be driven (TERM=dumb).
            let dumb = std::env::var_os("TERM").is_some_and(|t| t == "dumb");
            if !io::stdout().is_terminal() || dumb {
                if dumb && io::stdout().is_terminal() {
                    warn(format_args!(
                        "yuedu: TERM=dumb: printing the article as plain text (the reader needs a terminal that can move the cursor)"
                    ));
                }
                return plain(library, start, &config, ambiguous, cli.width);
            }
            // Keys come from the terminal, even when the article came from standard
            // input; without one, say so before a single escape code is written.
            if let Err(error) = std::fs::OpenOptions::new()
                .read(true)
                .write(true)
                .open("/dev/tty")
            {
                warn(format_args!(
                    "yuedu: no terminal to read keys from (/dev/tty: {error}); `yuedu dump` prints the article without one"
                ));
                return Ok(1);
            }
            // A kiosk writes nothing: no reading memory.
            let state = (!cli.no_state && config.state.enabled && !config.kiosk.enabled)
                .then(yuedu::state::default_path)
                .flatten();
            reader(library, start, &config, ambiguous, state, &cli)
        }
    }
}

/// `yuedu PATH SUBCOMMAND` means `yuedu SUBCOMMAND PATH`, as in most tools that take
/// a file first; two articles for one `dump` is an error, not a silent choice.
fn path_before_subcommand(cli: &mut Cli) -> Result<(), String> {
    let Some(path) = cli.path.take() else {
        return Ok(());
    };
    match &mut cli.command {
        None => cli.path = Some(path),
        Some(Command::Dump {
            article: article @ None,
        }) => {
            *article = Some(path.to_string_lossy().into_owned());
        }
        Some(Command::Dump {
            article: Some(other),
        }) => {
            return Err(format!(
                "two articles given ({} and {other}): `dump` prints one",
                gate::escape(&path.display().to_string())
            ));
        }
        Some(Command::List { paths } | Command::Check { paths }) => paths.insert(0, path),
        Some(Command::Completions { .. } | Command::Man) => {}
    }
    Ok(())
}

/// `yuedu dump [ARTICLE]`: an id, a file, or `-`; a folder is named as one.
fn dump(
    mut library: Library,
    article: Option<&str>,
    width: usize,
    config: &Config,
    ambiguous: AmbiguousSetting,
) -> anyhow::Result<i32> {
    let stdout = io::stdout();
    let key = match article {
        Some("-") => match read_stdin(&mut library) {
            Some(index) => library.articles.get(index).map(|a| a.id.clone()),
            None => return Ok(report(&library.problems)),
        },
        other => other.map(str::to_string),
    };
    for problem in &library.problems {
        warn(format_args!("yuedu: {problem}"));
    }
    warn_about(&library);
    let ambiguous = commands::ambiguous_for_pipe(ambiguous);
    Ok(commands::dump(
        library,
        key.as_deref(),
        width,
        config,
        ambiguous,
        &mut stdout.lock(),
        &mut io::stderr(),
    )?)
}

/// Files that opened with something to say, on stderr.
fn warn_about(library: &Library) {
    for warning in &library.warnings {
        warn(format_args!("yuedu: warning: {warning}"));
    }
}

/// Each problem on stderr with the `yuedu:` prefix; exit code 1.
fn report(problems: &[Problem]) -> i32 {
    for problem in problems {
        warn(format_args!("yuedu: {problem}"));
    }
    1
}

/// The reader's plain-text stand-in when its output is not a terminal: the article
/// it would open, as `dump` prints it, at `--width`, else `$COLUMNS`, else 80
/// columns; the library's list when it would open the library.
fn plain(
    mut library: Library,
    start: Start,
    config: &Config,
    ambiguous: AmbiguousSetting,
    width: Option<usize>,
) -> anyhow::Result<i32> {
    library.finish();
    let width = width
        .or_else(|| std::env::var("COLUMNS").ok()?.trim().parse().ok())
        .filter(|&w| w > 0)
        .unwrap_or(yuedu::cli::DUMP_WIDTH);
    let index = match start {
        Start::Article(index) => index,
        Start::Library | Start::Last if library.articles.len() > 1 => {
            return Ok(commands::list(
                &library,
                &mut io::stdout().lock(),
                &mut io::stderr().lock(),
            )?);
        }
        Start::Library | Start::Last => 0,
    };
    let key = library.articles.get(index).map(|a| a.id.clone());
    for problem in &library.problems {
        warn(format_args!("yuedu: {problem}"));
    }
    warn_about(&library);
    Ok(commands::dump(
        library,
        key.as_deref(),
        width,
        config,
        commands::ambiguous_for_pipe(ambiguous),
        &mut io::stdout().lock(),
        &mut io::stderr(),
    )?)
}

/// `yuedu -`: the article on standard input, read to its end (up to `[library]
/// max_file_bytes`). Any of the article forms; its id is `stdin`.
fn read_stdin(library: &mut Library) -> Option<usize> {
    use std::io::Read;
    let cap = library.max_file_bytes;
    let mut bytes = Vec::new();
    let read = io::stdin()
        .lock()
        .take(cap.saturating_add(1))
        .read_to_end(&mut bytes);
    let problem = match read {
        Err(error) => Some(format!("cannot read: {error}")),
        Ok(_) if bytes.len() as u64 > cap => Some(format!(
            "larger than [library] max_file_bytes ({})",
            yuedu::files::human_size(cap)
        )),
        Ok(_) => None,
    };
    if let Some(message) = problem {
        library
            .problems
            .push(Problem::new("standard input", message));
        return None;
    }
    library.add_bytes(
        "standard input",
        "stdin",
        yuedu::article::Origin::Stdin,
        &bytes,
    )
}

/// `yuedu completions SHELL`.
fn completions(shell: clap_complete::Shell) -> anyhow::Result<i32> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "yuedu", &mut script);
    let text = String::from_utf8_lossy(&script);
    io::stdout()
        .lock()
        .write_all(gate::escape_text(&text).as_bytes())?;
    Ok(0)
}

/// `yuedu man`: the manual page, roff.
fn man() -> anyhow::Result<i32> {
    let mut page = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut page)?;
    let text = String::from_utf8_lossy(&page);
    io::stdout()
        .lock()
        .write_all(gate::escape_text(&text).as_bytes())?;
    Ok(0)
}

/// The library: bundled articles, `[library] dirs`, `--articles` and PATH; and,
/// when PATH was given, where it says the reader starts (`None`: it failed).
fn load_library(
    config: &Config,
    text: yuedu::article::text::TextOptions,
    articles: &[std::path::PathBuf],
    path: Option<&Path>,
) -> (Library, Option<Option<Start>>) {
    let mut library = Library::bundled();
    library.max_file_bytes = config.library.max_file_bytes;
    library.text = text;
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
    let text = config
        .text_options(cli.encoding.as_deref())
        .unwrap_or_default();
    let (mut library, _) = load_library(&config, text, &cli.articles, cli.path.as_deref());
    // A kiosk reloads in the background of nobody: all of each book, now.
    library.finish();
    app.reload(config, keymap, theme, library);
}

/// Load `yuedu PATH` into the library; where the reader starts. A folder opens
/// as the library, a file as its article; a PATH that is not on disk may be an
/// article id (as `list` prints them).
fn open_path(library: &mut Library, path: &Path) -> Option<Start> {
    if path == Path::new("-") {
        return read_stdin(library).map(Start::Article);
    }
    match yuedu::files::metadata(path) {
        Ok(metadata) if metadata.is_dir() => {
            library.add_dir(path);
            let any = library.articles.iter().any(
                |a| matches!(&a.origin, yuedu::article::Origin::File(p) if p.starts_with(path)),
            );
            if !any {
                library.problems.push(Problem::new(
                    path.display().to_string(),
                    "no readable article (*.md, *.markdown, *.txt) in this folder",
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
