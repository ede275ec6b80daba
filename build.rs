//! Embeds the vocabulary files of `lexicons/` (see `lexicons/README.md`) into the binary, so
//! that the guard needs no data file at run time and a new vocabulary file is picked up without
//! editing a list in the code.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    // Read at run time: a path compiled into the build script would point at whichever
    // checkout first built it when target directories are shared.
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR");
    let root = Path::new(&manifest).join("lexicons");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut files = Vec::new();
    collect(&root, &root, &mut files);
    files.sort();
    assert!(
        !files.is_empty(),
        "no vocabulary file under {}: the scanner would find no special category",
        root.display()
    );
    let mut out = String::from(
        "/// Vocabulary files, by path relative to `lexicons/`.\n\
         pub(super) const FILES: &[(&str, &str)] = &[\n",
    );
    for (rel, abs) in &files {
        println!("cargo:rerun-if-changed={abs}");
        let _ = writeln!(out, "    ({rel:?}, include_str!({abs:?})),");
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("vocabulary_files.rs");
    std::fs::write(dest, out).expect("write vocabulary_files.rs");
}

/// Every `.txt` file under `dir`, as (path relative to `root` with `/`, absolute path).
fn collect(root: &Path, dir: &Path, out: &mut Vec<(String, String)>) {
    let entries =
        std::fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()));
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            println!("cargo:rerun-if-changed={}", path.display());
            collect(root, &path, out);
        } else if path.extension().is_some_and(|e| e == "txt") {
            let rel = path
                .strip_prefix(root)
                .expect("under root")
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            out.push((rel, path.display().to_string()));
        }
    }
}
