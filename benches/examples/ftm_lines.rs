//! Writes generated OpenSanctions-shaped FollowTheMoney lines to stdout, for measuring the
//! import on a large file: `cargo run --release -p sgraph-benches --example ftm_lines --
//! GROUPS > FILE.ftm.json` (four lines a group, about 334 bytes a line; 225,000 groups make
//! the 300.9 MB file of `docs/performance.md`).

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(groups) = std::env::args().nth(1).and_then(|arg| arg.parse().ok()) else {
        eprintln!("usage: ftm_lines GROUPS > FILE.ftm.json");
        return ExitCode::from(2);
    };
    let mut out = BufWriter::new(io::stdout().lock());
    match sgraph_benches::opensanctions::write_lines(&mut out, groups).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("ftm_lines: {error}");
            ExitCode::FAILURE
        }
    }
}
