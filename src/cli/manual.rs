//! `sgraph completions` and `sgraph man`: generated from the same clap definitions as the
//! command line itself, so they never drift from it.

use super::args::Shell;
use super::Report;

/// The completion script for a shell.
pub fn completions(shell: Shell) -> Report {
    let mut command = super::args::command();
    let mut script = Vec::new();
    let generator = match shell {
        Shell::Bash => clap_complete::Shell::Bash,
        Shell::Zsh => clap_complete::Shell::Zsh,
        Shell::Fish => clap_complete::Shell::Fish,
        Shell::Elvish => clap_complete::Shell::Elvish,
        Shell::Powershell => clap_complete::Shell::PowerShell,
    };
    clap_complete::generate(generator, &mut command, "sgraph", &mut script);
    Report::success(String::from_utf8_lossy(&script).into_owned())
}

/// The manual page, in roff.
pub fn man() -> Report {
    let mut page = Vec::new();
    match clap_mangen::Man::new(super::args::command()).render(&mut page) {
        Ok(()) => Report::success(String::from_utf8_lossy(&page).into_owned()),
        Err(error) => Report::usage(format!("cannot render the manual page: {error}")),
    }
}
