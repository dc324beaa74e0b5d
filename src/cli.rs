//! Command line: `flashpoint [DIR]` (the TUI), `flashpoint export`, `flashpoint eval`.
//! Everything is loaded and validated here, before the terminal is switched to the TUI, so
//! errors print on a normal terminal.

use crate::cache::Deferred;
use crate::ingest;
use crate::lexicon::Lexicon;
use crate::model::Corpus;
use crate::pipeline;
use clap::{Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Exit code for a run that failed: unreadable corpus folder, bad config or lexicon, bad gold file.
pub const EXIT_FAILURE: u8 = 1;
/// Exit code for wrong arguments (clap's own).
pub const EXIT_USAGE: u8 = 2;

#[derive(Parser, Debug)]
#[command(
    name = "flashpoint",
    version,
    about = "A terminal conflict tracker: a folder of news articles becomes an incident timeline with sources",
    after_help = "Without CORPUS_DIR, the bundled demo corpus is used.\n\nExit codes: 0 success, 1 failure (unreadable folder, config or gold file), 2 wrong arguments."
)]
pub struct Cli {
    /// Folder of articles (.txt, .md, .html, .json, .jsonl), read recursively.
    pub corpus_dir: Option<PathBuf>,
    /// Neither read nor write the parsed-corpus cache (in the user's cache dir, or
    /// $FLASHPOINT_CACHE).
    #[arg(long, global = true)]
    pub no_cache: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Write the extracted incidents, actors and documents to standard output.
    Export {
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
        /// Only incidents matching this filter, in the TUI's syntax, e.g.
        /// 'weapon:drone after:2023-10-15 country:syria'.
        #[arg(long)]
        filter: Option<String>,
        /// Folder of articles; without it, the bundled corpus.
        corpus_dir: Option<PathBuf>,
    },
    /// Score the extraction against a gold annotation (the format of tests/seeds.json).
    Eval {
        /// The gold file.
        #[arg(long)]
        gold: PathBuf,
        /// Folder of articles; without it, the bundled corpus.
        corpus_dir: Option<PathBuf>,
    },
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Json,
    Csv,
    Geojson,
}

/// The lexicon: embedded, extended by the user's config directory.
pub fn load_lexicon() -> Result<Lexicon, String> {
    match Lexicon::user_dir() {
        Some(dir) if dir.is_dir() => {
            Lexicon::with_user_dir(&dir).map_err(|e| format!("lexicon {e}"))
        }
        _ => Lexicon::embedded().map_err(|e| format!("lexicon {e}")),
    }
}

/// Folders with at least this many files show progress while they load.
const PROGRESS_FROM_FILES: usize = 200;

/// "reading articles: 1200/100000 files" on one stderr line, only when stderr is a terminal, so
/// a user never stares at a frozen screen and logs stay clean.
fn progress_line(done: usize, total: usize) {
    if total >= PROGRESS_FROM_FILES && std::io::stderr().is_terminal() {
        let end = if done == total { "\n" } else { "" };
        eprint!("\rreading articles: {done}/{total} files{end}");
    }
}

/// Reads and extracts a folder (or the bundled corpus), through the parsed-corpus cache unless
/// `use_cache` is false; reports skipped files and cache problems on stderr.
pub fn load_corpus_with(dir: Option<&Path>, use_cache: bool) -> Result<Corpus, String> {
    load_corpus_for(dir, use_cache, false).map(|(corpus, _)| corpus)
}

/// `load_corpus_with`; with `lazy` (a viewer), the documents' texts and the incidents may be
/// left in the cache and come from the returned `Deferred` (see `cache::load_corpus_for_viewer`).
pub fn load_corpus_for(
    dir: Option<&Path>,
    use_cache: bool,
    lazy: bool,
) -> Result<(Corpus, Deferred), String> {
    let lex = load_lexicon()?;
    let mut deferred = Deferred::default();
    let corpus = match dir {
        Some(d) => {
            let meta = std::fs::metadata(d)
                .map_err(|e| format!("{}: cannot open corpus folder: {e}", d.display()))?;
            if !meta.is_dir() {
                return Err(format!("{}: not a folder", d.display()));
            }
            let ex = crate::extract::Extractor::new(lex);
            let (corpus, stats) = if lazy {
                let (corpus, stats, d) =
                    crate::cache::load_corpus_for_viewer(d, &ex, use_cache, &progress_line);
                deferred = d;
                // The lexicon's automaton and tables are not needed to view the corpus.
                deferred.garbage.push(Box::new(ex));
                (corpus, stats)
            } else {
                crate::cache::load_corpus_cached(d, &ex, use_cache, &progress_line)
            };
            if let Some(w) = stats.warning {
                eprintln!("flashpoint: cache: {w}");
            }
            corpus
        }
        None => pipeline::build(ingest::read_bundled(), &lex),
    };
    for s in &corpus.skipped {
        // File names are attacker-controlled: never let their escape sequences reach the terminal.
        eprintln!(
            "skipped {}: {}",
            crate::ui::sanitize(&s.path),
            crate::ui::sanitize(&s.reason)
        );
    }
    Ok((corpus, deferred))
}

/// `load_corpus_with` with the cache on.
pub fn load_corpus(dir: Option<&Path>) -> Result<Corpus, String> {
    load_corpus_with(dir, true)
}

fn fail(msg: &str) -> ExitCode {
    eprintln!("flashpoint: {msg}");
    ExitCode::from(EXIT_FAILURE)
}

pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { EXIT_USAGE } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match cli.command {
        Some(Command::Export {
            format,
            filter,
            corpus_dir,
        }) => {
            let filter = match filter.as_deref().map(crate::filter::parse).transpose() {
                Ok(f) => f,
                Err(e) => {
                    eprintln!("flashpoint: --filter: {e}");
                    return ExitCode::from(EXIT_USAGE);
                }
            };
            let corpus = match load_corpus_with(corpus_dir.as_deref(), !cli.no_cache) {
                Ok(c) => c,
                Err(e) => return fail(&e),
            };
            let selection = crate::filter::selection_for(&corpus, filter.as_ref());
            // Streamed through one buffer: the JSON of a large corpus is never a String.
            let stdout = std::io::stdout();
            let mut w = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
            let written = match format {
                Format::Json => crate::export::write_json(&mut w, &corpus, &selection)
                    .map_err(std::io::Error::from),
                Format::Csv => w.write_all(crate::export::to_csv(&corpus, &selection).as_bytes()),
                Format::Geojson => {
                    w.write_all(crate::export::to_geojson(&corpus, &selection).as_bytes())
                }
            };
            let written = written
                .and_then(|()| w.write_all(b"\n"))
                .and_then(|()| w.flush());
            // The process ends here: the OS reclaims the corpus at once, where freeing it one
            // allocation at a time takes about half a second at 100k articles.
            std::mem::forget(corpus);
            match written {
                Ok(()) => ExitCode::SUCCESS,
                // A closed pipe (`flashpoint export | head`) is not a failure of the export.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
                Err(e) => fail(&format!("writing the export: {e}")),
            }
        }
        Some(Command::Eval { gold, corpus_dir }) => {
            let gold_text = match std::fs::read_to_string(&gold) {
                Ok(t) => t,
                Err(e) => return fail(&format!("{}: cannot read gold file: {e}", gold.display())),
            };
            let gold_data = match crate::eval::Gold::parse(&gold_text) {
                Ok(g) => g,
                Err(e) => return fail(&format!("{}: {e}", gold.display())),
            };
            let corpus = match load_corpus_with(corpus_dir.as_deref(), !cli.no_cache) {
                Ok(c) => c,
                Err(e) => return fail(&e),
            };
            let lex = load_lexicon().unwrap_or_default();
            let report = crate::eval::evaluate(&corpus, &gold_data, &lex);
            print!("{}", report.render());
            ExitCode::SUCCESS
        }
        None => run_tui(cli.corpus_dir.as_deref(), !cli.no_cache),
    }
}

fn run_tui(dir: Option<&Path>, use_cache: bool) -> ExitCode {
    // Everything that can fail for a reason the user must read happens before the alternate
    // screen: the keymap, the lexicon, the corpus folder.
    let keymap = match crate::app::load_keymap() {
        Ok(k) => k,
        Err(e) => return fail(&e.to_string()),
    };
    let (corpus, deferred) = match load_corpus_for(dir, use_cache, true) {
        Ok(c) => c,
        Err(e) => return fail(&e),
    };
    match crate::tui::run(corpus, deferred, keymap) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(&format!("terminal: {e}")),
    }
}
