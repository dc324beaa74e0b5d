//! The `flashpoint` binary: parse arguments, load everything before the terminal is touched,
//! then run the TUI or a subcommand.

use std::process::ExitCode;

fn main() -> ExitCode {
    flashpoint::cli::main()
}
