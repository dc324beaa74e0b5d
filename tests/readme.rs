//! The README documents what the program does: its keys table is the keymap's own.

#[test]
fn readme_keys_table_matches_the_keymap() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    let table = flashpoint::app::default_keymap()
        .expect("embedded keymap")
        .markdown_table();
    assert!(
        readme.contains(&table),
        "README keys table is stale; regenerate with `cargo run --example keys_table`:\n{table}"
    );
}

#[test]
fn readme_names_the_two_commands() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    assert!(readme.contains("cargo run --release"));
    assert!(readme.contains("cargo test"));
}
