//! The one progress bar of long loads (parsing large graph text, importing FollowTheMoney),
//! drawn by `indicatif` on standard error: only on a terminal, never with `--quiet`.

use std::io::{self, IsTerminal};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::args::GlobalArgs;

/// With a known total: a bar, the share done and the speed.
const BAR: &str = "{prefix} [{bar:25}] {percent:>3}% of {total_bytes}, {bytes_per_sec} {msg}";

/// Without one (standard input): how much has been read and how fast.
const COUNT: &str = "{prefix} {bytes}, {bytes_per_sec} {msg}";

/// A progress bar over bytes read; hidden when stderr is not a terminal or with `--quiet`,
/// and cleared when dropped, so that what is printed afterwards starts on a clean line.
pub struct Bar {
    bar: ProgressBar,
}

impl Bar {
    /// A bar for `verb` ("parsing", "importing"), over `total` bytes when known.
    pub fn new(global: &GlobalArgs, verb: &'static str, total: Option<u64>) -> Bar {
        let target = if !global.quiet && io::stderr().is_terminal() {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        };
        let template = match total {
            Some(_) => BAR,
            None => COUNT,
        };
        let bar = ProgressBar::with_draw_target(total, target).with_prefix(verb);
        // The templates are constants whose keys indicatif knows.
        if let Ok(style) = ProgressStyle::with_template(template) {
            bar.set_style(style.progress_chars("#> "));
        }
        Bar { bar }
    }

    /// `done` bytes read, with `detail` after the figures.
    pub fn show(&self, done: u64, detail: String) {
        self.bar.set_position(done);
        self.bar.set_message(detail);
    }
}

impl Drop for Bar {
    fn drop(&mut self) {
        self.bar.finish_and_clear();
    }
}
