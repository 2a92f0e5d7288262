//! The examples in the README and in `docs/` are real: every `$ sgraph ...` line that runs
//! on the built-in graph prints what the document says it prints.

use std::path::Path;

use crate::support::run;

/// (document, command arguments, expected output) for every runnable example.
fn examples() -> Vec<(String, Vec<String>, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut documents = vec![root.join("README.md")];
    let mut docs: Vec<_> = std::fs::read_dir(root.join("docs"))
        .expect("docs/")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "md"))
        .collect();
    docs.sort();
    documents.extend(docs);
    let mut examples = Vec::new();
    for document in documents {
        let text = std::fs::read_to_string(&document).expect("readable");
        let name = document
            .file_name()
            .expect("a file")
            .to_string_lossy()
            .into_owned();
        for block in text.split("```sh\n").skip(1) {
            let block = block.split("```").next().unwrap_or("");
            let mut current: Option<(Vec<String>, String)> = None;
            for line in block.lines() {
                if let Some(command) = line.strip_prefix("$ sgraph") {
                    if let Some((args, output)) = current.take() {
                        examples.push((name.clone(), args, output));
                    }
                    let args: Vec<String> = command.split_whitespace().map(str::to_owned).collect();
                    current = Some((args, String::new()));
                } else if let Some((_, output)) = current.as_mut() {
                    output.push_str(line);
                    output.push('\n');
                }
            }
            if let Some((args, output)) = current {
                examples.push((name.clone(), args, output));
            }
        }
    }
    // Examples on files of the reader's own are illustrations, not runnable here.
    examples.retain(|(_, args, _)| {
        !args
            .iter()
            .any(|arg| arg.contains(".ron") || arg.contains('/') || arg.contains('|'))
    });
    examples
}

#[test]
fn every_runnable_example_prints_what_the_docs_say() {
    let examples = examples();
    assert!(!examples.is_empty(), "the README has runnable examples");
    for (document, args, expected) in examples {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (_, stdout, stderr) = run(&args, None);
        let actual = format!("{stdout}{stderr}");
        assert_eq!(
            actual.trim_end(),
            expected.trim_end(),
            "{document}: `sgraph {}` prints something else",
            args.join(" ")
        );
    }
}
