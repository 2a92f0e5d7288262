//! Fuzz target: importing arbitrary bytes as FollowTheMoney JSON lines never panics, with
//! bad lines stopping the import or, with `--skip-invalid`, skipped.

#![no_main]

use libfuzzer_sys::fuzz_target;
use sanctions_graph::ftm::FtmOptions;
use sanctions_graph::model::Date;

fuzz_target!(|data: &[u8]| {
    for skip_invalid in [false, true] {
        let options = FtmOptions {
            skip_invalid,
            as_of: Date::ymd(2025, 12, 31).expect("a real day"),
        };
        let _ = sanctions_graph::load_ftm(data, "fuzz.ftm.json", &options, &mut |_| {});
    }
});
